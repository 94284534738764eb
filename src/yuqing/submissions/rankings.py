"""Rankings (通报) for any period, per unit and per person: volume, adoptions, adoption rate, points.

Volume counts the items first submitted in the period; "adopted" counts those of them that were
adopted (at any time since), so the rate is adopted / submitted over the same items. Higher-level
adoptions, instructions, lateness and points count by the date they happened in the period;
information needs by their due time (asked, and answered with a submitted item at any time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from yuqing.accounts.people import person_name
from yuqing.submissions.models import (
    Adoption, Instruction, Level, NeedUnit, PointsEntry, ReportDeadline, State, Submission,
)
from yuqing.submissions.periods import Period
from yuqing.units.models import Officer, Unit

ORDERS = {"volume": "submitted", "adopted": "adopted", "rate": "rate", "points": "points"}


@dataclass
class Row:
    key: int
    name: str
    unit: str = ""
    submitted: int = 0
    adopted: int = 0
    provincial: int = 0
    central: int = 0
    instructions: int = 0
    late: int = 0
    missed: int = 0
    needs_asked: int = 0  # information needs due in the period that asked the unit (units only)
    needs_answered: int = 0  # of the needs due in the period, those answered with a submitted item
    points: Decimal = field(default_factory=Decimal)
    rank: int = 0

    @property
    def rate(self) -> float:
        return self.adopted / self.submitted if self.submitted else 0.0


def _count(qs: QuerySet, group: str, what: str = "pk") -> dict[int, int]:
    return {r[group]: r["n"] for r in qs.values(group).annotate(n=Count(what, distinct=True)) if r[group] is not None}


def _tallies(period: Period, units: QuerySet[Unit], by_person: bool) -> dict[str, dict[int, object]]:
    items = Submission.objects.filter(unit__in=units, first_submitted_at__gte=period.start, first_submitted_at__lt=period.end)
    adoptions = Adoption.objects.filter(submission__unit__in=units, adopted_at__gte=period.start, adopted_at__lt=period.end)
    instructions = Instruction.objects.filter(submission__unit__in=units, given_at__gte=period.start, given_at__lt=period.end)
    deadlines = ReportDeadline.objects.filter(unit__in=units, due_at__gte=period.start, due_at__lt=period.end)
    points = PointsEntry.objects.filter(unit__in=units, at__gte=period.start, at__lt=period.end)
    own, via, who = ("author_id", "submission__author_id", "person_id") if by_person else ("unit_id", "submission__unit_id", "unit_id")
    return _need_tallies(period, units, own, by_person) | {
        "submitted": _count(items, own),
        "adopted": _count(items.filter(state=State.ADOPTED), own),
        "provincial": _count(adoptions.filter(level=Level.PROVINCIAL), via),
        "central": _count(adoptions.filter(level=Level.CENTRAL), via),
        "instructions": _count(instructions, via, what="submission"),
        "late": _count(deadlines.filter(status=ReportDeadline.Status.LATE), who),
        "missed": _count(deadlines.filter(status=ReportDeadline.Status.MISSED), who),
        "points": {r[who]: r["s"] for r in points.values(who).annotate(s=Sum("points")) if r[who] is not None},
    }


def _need_tallies(period: Period, units: QuerySet[Unit], own: str, by_person: bool) -> dict[str, dict[int, object]]:
    due = {"need__due_at__gte": period.start, "need__due_at__lt": period.end}
    answers = Submission.objects.filter(unit__in=units, first_submitted_at__isnull=False, **due)
    tallies = {"needs_answered": _count(answers, own, what="need")}
    if not by_person:  # a need asks units, not people
        tallies["needs_asked"] = _count(NeedUnit.objects.filter(unit__in=units, **due), "unit_id")
    return tallies


def _fill(rows: dict[int, Row], tallies: dict[str, dict[int, object]]) -> None:
    for column, values in tallies.items():
        for key, value in values.items():
            if key in rows:
                setattr(rows[key], column, value)


def unit_rows(period: Period, units: QuerySet[Unit]) -> list[Row]:
    rows = {u.pk: Row(u.pk, u.name, u.parent.name if u.parent else "") for u in units.filter(active=True).select_related("parent")}
    _fill(rows, _tallies(period, units, by_person=False))
    return list(rows.values())


def person_rows(period: Period, units: QuerySet[Unit]) -> list[Row]:
    tallies = _tallies(period, units, by_person=True)
    people = set().union(*(set(values) for values in tallies.values()))
    rows = {pk: Row(pk, name, unit) for pk, (name, unit) in person_names(people).items()}
    _fill(rows, tallies)
    return list(rows.values())


def person_names(user_ids: set[int]) -> dict[int, tuple[str, str]]:
    """user id → (the officer's name from the roster, or the account's name; the unit's name)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=user_ids).select_related("unit_membership__unit")
    officers = {o.user_id: o for o in Officer.objects.filter(user_id__in=user_ids).select_related("unit")}
    names = {}
    for user in users:
        officer = officers.get(user.pk)
        membership = getattr(user, "unit_membership", None)
        unit = officer.unit.name if officer else (membership.unit.name if membership else "")
        names[user.pk] = (officer.name if officer else person_name(user), unit)
    return names


def ranked(rows: list[Row], by: str = "points") -> list[Row]:
    """Sort by the chosen measure (then volume, then name); equal values share a rank."""
    attribute = ORDERS.get(by, "points")
    rows = sorted(rows, key=lambda r: (-getattr(r, attribute), -r.submitted, r.name))
    previous = None
    for position, row in enumerate(rows, start=1):
        value = getattr(row, attribute)
        row.rank = rows[position - 2].rank if position > 1 and value == previous else position
        previous = value
    return rows
