"""The period a briefing covers, in the server's time zone.

daily: the calendar day of `day`; weekly: the Monday-to-Sunday week containing it; monthly: its
calendar month. Without a day, the last period that is over (yesterday, last week, last month).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.errors import InputError

KINDS = ("daily", "weekly", "monthly")


@dataclass(frozen=True)
class Period:
    kind: str
    first_day: date
    last_day: date  # inclusive

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first_day, time.min))

    @property
    def until(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.last_day + timedelta(days=1), time.min))

    @property
    def label(self) -> str:
        if self.kind == "daily":
            return self.first_day.strftime("%Y-%m-%d")
        if self.kind == "monthly":
            return self.first_day.strftime("%Y-%m")
        return f"{self.first_day:%Y-%m-%d} – {self.last_day:%Y-%m-%d}"


def period(kind: str, day: date) -> Period:
    if kind == "daily":
        return Period(kind, day, day)
    if kind == "weekly":
        monday = day - timedelta(days=day.weekday())
        return Period(kind, monday, monday + timedelta(days=6))
    if kind == "monthly":
        first = day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return Period(kind, first, following - timedelta(days=1))
    raise InputError(_("Unknown briefing kind %(kind)s; use daily, weekly or monthly") % {"kind": kind})


def last_complete(kind: str, now: datetime | None = None) -> Period:
    today = timezone.localdate(now or timezone.now())
    if kind == "daily":
        return period(kind, today - timedelta(days=1))
    if kind == "weekly":
        return period(kind, today - timedelta(days=today.weekday() + 1))
    return period(kind, today.replace(day=1) - timedelta(days=1))


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise InputError(_("%(text)s is not a date; write it as 2026-11-24") % {"text": text}) from error
