"""Scheduled briefings: once a period is over and the schedule's time of day has come, generate the
briefing and tell the people of the schedule's roles through the notification channels.

The worker calls `run_due` every tick; `last_period_start` makes each period's briefing once,
however often it is called and however late the server was started.
"""

from __future__ import annotations

import logging
from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from yuqing.briefings import periods
from yuqing.briefings.actions import generate
from yuqing.briefings.models import Briefing, Schedule

log = logging.getLogger("yuqing.briefings")


def due_period(schedule: Schedule, now: datetime) -> periods.Period | None:
    span = periods.last_complete(schedule.kind, now)
    release = timezone.make_aware(datetime.combine(timezone.localtime(span.until).date(), time(schedule.hour, schedule.minute)))
    if now < release or (schedule.last_period_start and schedule.last_period_start >= span.since):
        return None
    return span


def recipients(schedule: Schedule) -> list:
    roles = [r.strip() for r in schedule.roles.split(",") if r.strip()]
    users = get_user_model().objects.filter(is_active=True)
    return list(users.filter(groups__name__in=roles).distinct()) if roles else []


def run_due(now: datetime | None = None) -> list[Briefing]:
    now = now or timezone.now()
    made = []
    for schedule in Schedule.objects.filter(enabled=True):
        span = due_period(schedule, now)
        if span is None:
            continue
        with transaction.atomic():
            briefing = generate(None, kind=schedule.kind, day=span.first_day, scheme_id=schedule.scheme_id,
                                place_code=schedule.place_code, base_url=schedule.base_url, schedule=schedule)
            schedule.last_period_start = span.since
            schedule.save(update_fields=["last_period_start"])
            deliver(briefing, recipients(schedule))
        log.info("scheduled briefing %s generated: %s", briefing.pk, briefing.title)
        made.append(briefing)
    return made


def deliver(briefing: Briefing, people: list) -> None:
    from yuqing.notifications.service import notify

    overview = next((s for s in briefing.content.get("sections", []) if s["key"] in ("overview", "facts")), None)
    body = " ".join(p["text"] for p in overview["paragraphs"]) if overview else ""
    notify(people, briefing.title, body=body, link=f"/briefings/{briefing.pk}/", kind="briefing", severity="info")
    log.info("briefing %s sent to %d people", briefing.pk, len(people))
