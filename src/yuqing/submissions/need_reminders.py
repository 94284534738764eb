"""Reminders for information needs, on the same clock and channels as sudden-incident deadlines:
the background job `submissions.needs` (every worker tick) reminds the units that have neither
answered nor declined `need_remind_before_hours` before the due time, and tells them and the
editor who published the need when it is overdue. Each is sent once per unit. `now` comes from
the caller, so tests run on their own clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.submissions import notify
from yuqing.submissions.models import NeedUnit, ReportingPolicy
from yuqing.submissions.need_status import pending_rows


@dataclass
class NeedReminder:
    row: NeedUnit
    kind: str  # "due_soon" | "overdue"
    recipients: list = field(default_factory=list)


def due_reminders(now: datetime) -> list[NeedReminder]:
    """Which reminders are due at `now` (nothing is sent or stamped here)."""
    soon = timedelta(hours=ReportingPolicy.current().need_remind_before_hours)
    reminders = []
    for row in pending_rows().filter(need__due_at__lte=now + soon).order_by("need__due_at", "id"):
        if now >= row.need.due_at:
            kind = "overdue" if row.overdue_notified_at is None else None
        else:
            kind = "due_soon" if row.reminded_at is None else None
        if kind:
            people = notify.unit_people(row.unit_id) + ([row.need.published_by] if kind == "overdue" else [])
            reminders.append(NeedReminder(row, kind, list(dict.fromkeys(p for p in people if p is not None))))
    return reminders


def run_checks(now: datetime | None = None) -> list[NeedReminder]:
    """The background job: send what is due and stamp it."""
    now = now or timezone.now()
    reminders = due_reminders(now)
    for reminder in reminders:
        stamp = {"overdue_notified_at": now} if reminder.kind == "overdue" else {"reminded_at": now}
        NeedUnit.objects.filter(pk=reminder.row.pk).update(**stamp)
        need = reminder.row.need
        values = {"title": need.title, "unit": reminder.row.unit.name,
                  "due": timezone.localtime(need.due_at).strftime("%m-%d %H:%M")}
        if reminder.kind == "due_soon":
            title, severity = _("Information need “%(title)s” is due at %(due)s: %(unit)s has not answered yet") % values, "medium"
        else:
            title, severity = _("Information need “%(title)s” is overdue (due %(due)s): %(unit)s has not answered") % values, "high"
        notify.send(reminder.recipients, title, body=need.wanted, link=reverse("submissions:need", args=[need.pk]),
                    kind=f"need.{reminder.kind}", severity=severity)
    return reminders
