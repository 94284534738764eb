"""The clock-driven part of alerting: escalating unacknowledged alerts and sending digests.

Both take `now`, so tests and replays drive time; the worker calls `tick()` every few seconds.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yuqing.monitoring import duty
from yuqing.monitoring.alerting import log
from yuqing.monitoring.models import Alert, AlertReason, AlertRule, AlertStep
from yuqing.notifications import service
from yuqing.notifications.models import severity_rank

log_ = logging.getLogger("yuqing.monitoring")
DAILY_DIGEST_HOUR = 8  # local time: the morning hand-over


def tick(now: datetime | None = None) -> None:
    now = now or timezone.now()
    escalate_due(now)
    send_digests(now)


def escalate_due(now: datetime) -> int:
    """Escalate every alert still unacknowledged when its time ran out; returns how many."""
    from yuqing.monitoring.handling import escalate

    due = list(Alert.objects.filter(status=Alert.Status.NEW, next_escalation_at__lte=now).values_list("pk", flat=True))
    done = 0
    for pk in due:
        with transaction.atomic():
            alert = Alert.objects.select_for_update(of=("self",)).select_related("scheme").get(pk=pk)
            if alert.status == Alert.Status.NEW and alert.next_escalation_at and alert.next_escalation_at <= now:
                escalate(None, alert, now=now)
                done += 1
    return done


def period_start(digest: str, now: datetime) -> datetime:
    """The start of the digest period `now` is in: the hour, or today's (else yesterday's) 08:00."""
    local = timezone.localtime(now)
    if digest == AlertRule.Digest.HOURLY:
        return local.replace(minute=0, second=0, microsecond=0)
    morning = timezone.make_aware(datetime.combine(local.date(), time(DAILY_DIGEST_HOUR)), local.tzinfo)
    return morning if local >= morning else morning - timedelta(days=1)


def send_digests(now: datetime) -> int:
    """One message per rule whose period turned, listing the alerts held back for it."""
    sent = 0
    for rule in AlertRule.objects.exclude(digest="").select_related("scheme", "scheme__owner"):
        boundary = period_start(rule.digest, now)
        if rule.last_digest_at and rule.last_digest_at >= boundary:
            continue
        with transaction.atomic():
            held = AlertReason.objects.filter(rule=rule).values("alert_id")
            pending = list(Alert.objects.select_for_update().filter(pk__in=held, digest_pending=True, created_at__lt=boundary)
                           .order_by("created_at"))
            if pending:
                _send_digest(rule, pending, now)
                sent += 1
            AlertRule.objects.filter(pk=rule.pk).update(last_digest_at=now)
    return sent


def _send_digest(rule: AlertRule, alerts: list[Alert], now: datetime) -> None:
    people = duty.responders(duty.LEVEL_OFFICER, now) or ([rule.scheme.owner] if rule.scheme.owner else [])
    worst = max((a.severity for a in alerts), key=severity_rank)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(scheme)s: %(n)d alerts (%(period)s)") % {
            "scheme": rule.scheme.name, "n": len(alerts), "period": AlertRule.Digest(rule.digest).label}
        body = "\n".join(f"· {a.title} ({a.document_count})" for a in alerts[:30])
    from django.urls import reverse

    link = reverse("monitoring:alerts") + f"?scheme={rule.scheme_id}"
    service.notify(people, title, body, link, kind="digest", severity=worst, subject=f"monitoring.digest:{rule.pk}")
    Alert.objects.filter(pk__in=[a.pk for a in alerts]).update(digest_pending=False)
    for alert in alerts:
        log(alert, AlertStep.Action.DIGESTED, now, recipients=people)
