"""What people do with an alert: acknowledge, escalate by hand, take it up (open an incident).

Taking an alert up calls every registered take handler inside the same transaction. The
incidents app registers one (`register_take_handler`) that opens an incident and returns its
address; until then, taking an alert marks it taken and nothing more.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.accounts.people import person_name
from yuqing.actions import action
from yuqing.errors import WorkflowError
from yuqing.monitoring import duty
from yuqing.monitoring.access import is_handler
from yuqing.monitoring.alerting import log, subject, tell
from yuqing.monitoring.models import Alert, AlertStep
from yuqing.notifications import service

TakeHandler = Callable[[Alert, object], "str | None"]
_take_handlers: list[TakeHandler] = []


def register_take_handler(handler: TakeHandler) -> None:
    """`handler(alert, actor)` runs when an alert is taken up; it may return a link (the incident)."""
    if handler not in _take_handlers:
        _take_handlers.append(handler)


def can_handle(user, alert: Alert) -> bool:
    if is_handler(user):
        return True
    return getattr(user, "pk", None) in {alert.assignee_id, alert.scheme.owner_id}


def _check(actor, alert: Alert) -> None:
    if not can_handle(actor, alert):
        raise WorkflowError(_("Only the person holding this alert, duty officers, analysts, leaders and "
                              "administrators may handle it"))


@action("alert.acknowledge")
def acknowledge(actor, alert: Alert, *, now: datetime | None = None, note: str = "") -> Alert:
    _check(actor, alert)
    if alert.status != Alert.Status.NEW:
        raise WorkflowError(_("This alert was already acknowledged by %(name)s") % {
            "name": person_name(alert.acknowledged_by) or "—"})
    now = now or timezone.now()
    alert.status, alert.acknowledged_by, alert.acknowledged_at = Alert.Status.ACKNOWLEDGED, actor, now
    alert.next_escalation_at = None
    alert.save(update_fields=["status", "acknowledged_by", "acknowledged_at", "next_escalation_at"])
    log(alert, AlertStep.Action.ACKNOWLEDGED, now, actor=actor, note=note)
    service.settle(subject(alert))
    return alert


@action("alert.escalate")
def escalate(actor, alert: Alert, *, now: datetime | None = None) -> Alert:
    """Pass the alert to the next level now (by hand, or by the clock when `actor` is None)."""
    if actor is not None:
        _check(actor, alert)
    if alert.escalation_level >= duty.LEVEL_LEAD:
        raise WorkflowError(_("This alert has already reached the leader"))
    tell(alert, alert.escalation_level + 1, now or timezone.now(), actor=actor, escalating=True)
    return alert


@action("alert.take")
def take(actor, alert: Alert, *, now: datetime | None = None) -> Alert:
    _check(actor, alert)
    if alert.status == Alert.Status.TAKEN:
        raise WorkflowError(_("This alert was already taken up"))
    now = now or timezone.now()
    if alert.status == Alert.Status.NEW:
        alert.acknowledged_by, alert.acknowledged_at = actor, now
    alert.status, alert.taken_by, alert.taken_at, alert.next_escalation_at = Alert.Status.TAKEN, actor, now, None
    for handler in _take_handlers:
        alert.incident_url = handler(alert, actor) or alert.incident_url
    alert.save()
    log(alert, AlertStep.Action.TAKEN, now, actor=actor, note=alert.incident_url)
    service.settle(subject(alert))
    return alert
