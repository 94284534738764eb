"""Reporting periods: a month (2026-11), a quarter (2026-Q4), a year (2026) or days (2026-11-01..2026-11-15)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from yuqing.errors import InputError

MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
YEAR = re.compile(r"^(\d{4})$")
DAYS = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # inclusive
    label: str

    @property
    def start(self) -> datetime:
        return _local_midnight(self.first)

    @property
    def end(self) -> datetime:
        """Exclusive end: midnight after the last day, in the office's time zone."""
        return _local_midnight(self.last + timedelta(days=1))

    def contains(self, moment: datetime | None) -> bool:
        return moment is not None and self.start <= moment < self.end

    @property
    def name(self) -> str:
        """The period in the reader's language; `label` is its Chinese name in the files (通报, Excel)."""
        first, last = self.first, self.last
        if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
            return str(_("%(year)d") % {"year": first.year})
        if first.day == 1 and last == _month_end(last.year, last.month):
            months = (last.year - first.year) * 12 + last.month - first.month + 1
            if months == 1:
                return date_format(first, "YEAR_MONTH_FORMAT")
            if months == 3 and first.month % 3 == 1:
                return str(_("Q%(quarter)d %(year)d") % {"quarter": (first.month + 2) // 3, "year": first.year})
        return str(_("%(first)s to %(last)s") % {"first": date_format(first), "last": date_format(last)})


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day))


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def parse_period(text: str) -> Period:
    text = (text or "").strip()
    if m := MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            return Period(date(year, month, 1), _month_end(year, month), f"{year}年{month}月")
    elif m := QUARTER.match(text):
        year, quarter = int(m[1]), int(m[2])
        return Period(date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter), f"{year}年第{quarter}季度")
    elif m := YEAR.match(text):
        year = int(m[1])
        return Period(date(year, 1, 1), date(year, 12, 31), f"{year}年")
    elif m := DAYS.match(text):
        first, last = date.fromisoformat(m[1]), date.fromisoformat(m[2])
        if first <= last:
            return Period(first, last, f"{first:%Y年%m月%d日}至{last:%Y年%m月%d日}")
    raise InputError(_("%(text)r is not a period; write 2026-11 (a month), 2026-Q4 (a quarter), 2026 (a year) "
                       "or 2026-11-01..2026-11-15 (days)") % {"text": text})


def current_month() -> str:
    return timezone.localdate().strftime("%Y-%m")
