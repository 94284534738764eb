"""The annual assessment sheet (年度考核表) per unit and per person."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from yuqing.submissions import rankings
from yuqing.submissions.models import State, Submission
from yuqing.submissions.periods import parse_period
from yuqing.submissions.quotas import month_progress
from yuqing.units.models import Attendance, Unit


@dataclass
class SheetRow:
    total: rankings.Row
    monthly_submitted: list[int] = field(default_factory=lambda: [0] * 12)
    monthly_adopted: list[int] = field(default_factory=lambda: [0] * 12)
    quota_months: int = 0
    quota_met: int = 0
    trainings_invited: int = 0
    trainings_present: int = 0

    @property
    def monthly(self) -> list[tuple[int, int]]:
        return list(zip(self.monthly_submitted, self.monthly_adopted))


def _monthly(year: int, units: QuerySet[Unit], by_person: bool) -> tuple[Counter, Counter]:
    period = parse_period(str(year))
    key = "author_id" if by_person else "unit_id"
    submitted, adopted = Counter(), Counter()
    items = Submission.objects.filter(unit__in=units)
    for owner, when in items.filter(first_submitted_at__gte=period.start, first_submitted_at__lt=period.end).values_list(key, "first_submitted_at"):
        submitted[(owner, timezone.localtime(when).month)] += 1
    for owner, when in items.filter(state=State.ADOPTED, adopted_at__gte=period.start, adopted_at__lt=period.end).values_list(key, "adopted_at"):
        adopted[(owner, timezone.localtime(when).month)] += 1
    return submitted, adopted


def _quota_months(year: int, units: QuerySet[Unit], by_person: bool) -> tuple[Counter, Counter]:
    having, met = Counter(), Counter()
    last = 12 if year < timezone.localdate().year else timezone.localdate().month
    for month in range(1, last + 1):
        for row in month_progress(year, month, units):
            if (row.person_id is not None) != by_person or not (row.submit_target or row.adopt_target):
                continue
            owner = row.person_id if by_person else row.unit.pk
            having[owner] += 1
            met[owner] += row.met
    return having, met


def _trainings(year: int, units: QuerySet[Unit], by_person: bool) -> tuple[Counter, Counter]:
    invited, present = Counter(), Counter()
    rows = Attendance.objects.filter(training__held_on__year=year, officer__unit__in=units)
    for unit_id, user_id, status in rows.values_list("officer__unit_id", "officer__user_id", "status"):
        owner = user_id if by_person else unit_id
        invited[owner] += 1
        present[owner] += status == Attendance.Status.PRESENT
    return invited, present


def annual_sheet(year: int, units: QuerySet[Unit], by_person: bool = False) -> list[SheetRow]:
    period = parse_period(str(year))
    totals = (rankings.person_rows if by_person else rankings.unit_rows)(period, units)
    submitted, adopted = _monthly(year, units, by_person)
    having, met = _quota_months(year, units, by_person)
    invited, present = _trainings(year, units, by_person)
    sheet = []
    for total in rankings.ranked(totals, "points"):
        row = SheetRow(total, quota_months=having[total.key], quota_met=met[total.key],
                       trainings_invited=invited[total.key], trainings_present=present[total.key])
        row.monthly_submitted = [submitted[(total.key, m)] for m in range(1, 13)]
        row.monthly_adopted = [adopted[(total.key, m)] for m in range(1, 13)]
        sheet.append(row)
    return sheet
