"""Duty and escalation on a controllable clock: officer, then the next person, then the lead."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.monitoring.helpers import BASE, at, posts, scheme
from yuqing.accounts.models import AuditEntry
from yuqing.errors import WorkflowError
from yuqing.monitoring import handling
from yuqing.monitoring.escalation import escalate_due
from yuqing.monitoring.models import Alert, Shift
from yuqing.monitoring.percolate import process
from yuqing.monitoring.schemes import RuleSpec
from yuqing.notifications.models import Notification

pytestmark = pytest.mark.django_db


def raise_alert(owner, minutes: float = 0, escalate_minutes: int = 15) -> Alert:
    scheme(owner, "永城 AND 起火", [RuleSpec(kind="every", escalate_minutes=escalate_minutes)], name="火情")
    [alert] = process(posts({"text": "永城起火", "minutes": minutes}), now=at(minutes))
    return alert


def steps(alert: Alert) -> list[tuple[str, list[str]]]:
    return [(s.action, s.recipients) for s in alert.steps.order_by("at", "id")]


def told(user) -> int:
    return Notification.objects.filter(user=user).count()


def test_unacknowledged_alert_escalates_step_by_step(admin_user, people, roster):
    alert = raise_alert(admin_user)
    assert escalate_due(at(14)) == 0
    assert escalate_due(at(15)) == 1
    assert told(people["backup"]) == 1
    assert escalate_due(at(29)) == 0
    assert escalate_due(at(30)) == 1
    assert told(people["leader"]) == 1
    assert escalate_due(at(600)) == 0  # the leader is the last step
    alert.refresh_from_db()
    assert alert.escalation_level == 2 and alert.next_escalation_at is None and alert.assignee == people["leader"]
    assert steps(alert) == [("raised", []), ("notified", ["officer"]), ("escalated", ["backup"]), ("escalated", ["leader"])]
    assert [s.at for s in alert.steps.filter(action="escalated")] == [at(15), at(30)]


def test_acknowledged_alert_does_not_escalate(admin_user, people, roster):
    alert = raise_alert(admin_user)
    handling.acknowledge(people["officer"], alert, now=at(10))
    assert escalate_due(at(60)) == 0
    alert.refresh_from_db()
    assert (alert.status, alert.acknowledged_by, alert.acknowledged_at) == ("acknowledged", people["officer"], at(10))
    assert steps(alert)[-1] == ("acknowledged", [])
    assert AuditEntry.objects.filter(action="alert.acknowledge", target_id=str(alert.pk)).exists()
    with pytest.raises(WorkflowError):
        handling.acknowledge(people["backup"], alert, now=at(11))


def test_without_a_backup_the_next_shift_officer_is_next(admin_user, people, roster):
    Shift.objects.filter(pk=roster.pk).update(backup=None)
    raise_alert(admin_user)
    escalate_due(at(15))
    assert told(people["next"]) == 1


def test_without_anyone_in_line_the_leader_role_is_told(admin_user, people):
    from django.contrib.auth.models import Group

    Shift.objects.create(starts_at=BASE - timedelta(hours=1), ends_at=BASE + timedelta(hours=2), officer=people["officer"])
    Group.objects.get(name="leader").user_set.add(people["leader"])
    alert = raise_alert(admin_user)
    escalate_due(at(15))  # no backup, no next shift: straight to the lead
    alert.refresh_from_db()
    assert alert.escalation_level == 2 and told(people["leader"]) == 1


def test_nobody_on_duty_tells_the_scheme_owner(admin_user, people):
    alert = raise_alert(admin_user)
    assert told(admin_user) == 1
    step = alert.steps.get(action="notified")
    assert step.recipients == [admin_user.username] and ("nobody on duty" in step.note or "无人值班" in step.note)


def test_escalate_by_hand_is_audited(admin_user, people, roster):
    alert = raise_alert(admin_user)
    handling.escalate(people["officer"], alert, now=at(2))
    alert.refresh_from_db()
    assert alert.assignee == people["backup"] and alert.next_escalation_at == at(17)
    assert steps(alert)[-1] == ("escalated", ["backup"])
    assert alert.steps.last().actor == people["officer"]
    assert AuditEntry.objects.filter(action="alert.escalate").count() == 1


def test_outsider_cannot_handle_an_alert(admin_user, people, roster):
    alert = raise_alert(admin_user)
    with pytest.raises(WorkflowError):
        handling.acknowledge(people["outsider"], alert)


def test_take_calls_the_incident_hook(admin_user, people, roster, monkeypatch):
    seen = []
    monkeypatch.setattr(handling, "_take_handlers", [])  # only this test's handler (not the incidents app's)

    def open_incident(alert, actor):
        seen.append((alert.pk, actor.username))
        return f"/incidents/from-alert/{alert.pk}/"

    handling.register_take_handler(open_incident)
    alert = raise_alert(admin_user)
    handling.take(people["officer"], alert, now=at(3))
    alert.refresh_from_db()
    assert seen == [(alert.pk, "officer")]
    assert (alert.status, alert.incident_url, alert.acknowledged_by) == ("taken", f"/incidents/from-alert/{alert.pk}/", people["officer"])
    assert escalate_due(at(60)) == 0
    with pytest.raises(WorkflowError):
        handling.take(people["officer"], alert)


def test_zero_minutes_never_escalates(admin_user, people, roster):
    alert = raise_alert(admin_user, escalate_minutes=0)
    assert alert.next_escalation_at is None and escalate_due(at(600)) == 0
