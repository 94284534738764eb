"""Where each asked unit stands on an information need: answered, declined, or not yet, and how late.

A unit has answered when one of its items for the need has been submitted (its first submission
counts, as for sudden-incident clocks: a return and resubmission does not move it). An answer
outranks a decline. Lateness is measured against the need's due time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, Min, OuterRef, QuerySet

from yuqing.submissions.models import InformationNeed, NeedUnit, Submission

ANSWERED, DECLINED, PENDING = "answered", "declined", "pending"


@dataclass
class UnitStatus:
    row: NeedUnit
    status: str
    answered_at: datetime | None = None
    late_minutes: int = 0  # answered after the due time, or (pending) overdue by
    answers: list[Submission] = field(default_factory=list)

    @property
    def unit(self):
        return self.row.unit

    @property
    def is_late(self) -> bool:
        return self.late_minutes > 0


def _minutes_after(moment: datetime, due: datetime) -> int:
    return max(0, int((moment - due).total_seconds() // 60))


def first_answers(need: InformationNeed) -> dict[int, datetime]:
    """unit id → the first submission of any of its answers."""
    rows = (need.answers.exclude(first_submitted_at=None).values("unit_id")
            .annotate(first=Min("first_submitted_at")))
    return {row["unit_id"]: row["first"] for row in rows}


def statuses(need: InformationNeed, rows: QuerySet[NeedUnit], answers: QuerySet[Submission], now: datetime) -> list[UnitStatus]:
    """One status per asked unit in `rows`; `answers` are the items the viewer may open."""
    listed: dict[int, list[Submission]] = {}
    for item in answers.filter(need=need).order_by("created_at", "id"):
        listed.setdefault(item.unit_id, []).append(item)
    return _statuses(need, list(rows), first_answers(need), listed, now)


def statuses_of(needs: list[InformationNeed], rows: QuerySet[NeedUnit], answers: QuerySet[Submission],
                now: datetime) -> dict[int, list[UnitStatus]]:
    """`statuses` of many needs (need id → statuses) in three queries, whatever their number: `rows`
    are the asked units the viewer may follow, of any need (issue 11: a list of needs made six
    queries per need)."""
    ids = [need.pk for need in needs]
    asked: dict[int, list[NeedUnit]] = defaultdict(list)
    for row in rows.filter(need_id__in=ids):
        asked[row.need_id].append(row)
    first: dict[int, dict[int, datetime]] = defaultdict(dict)
    for found in (Submission.objects.filter(need_id__in=ids).exclude(first_submitted_at=None)
                  .values("need_id", "unit_id").annotate(first=Min("first_submitted_at"))):
        first[found["need_id"]][found["unit_id"]] = found["first"]
    listed: dict[int, dict[int, list[Submission]]] = defaultdict(dict)
    for item in answers.filter(need_id__in=ids).order_by("created_at", "id"):
        listed[item.need_id].setdefault(item.unit_id, []).append(item)
    return {need.pk: _statuses(need, asked[need.pk], first[need.pk], listed[need.pk], now) for need in needs}


def _statuses(need: InformationNeed, rows: list[NeedUnit], first: dict[int, datetime],
              listed: dict[int, list[Submission]], now: datetime) -> list[UnitStatus]:
    result = []
    for row in rows:
        answered_at = first.get(row.unit_id)
        if answered_at is not None:
            status = UnitStatus(row, ANSWERED, answered_at, _minutes_after(answered_at, need.due_at))
        elif row.declined_at is not None:
            status = UnitStatus(row, DECLINED, late_minutes=_minutes_after(row.declined_at, need.due_at))
        else:
            status = UnitStatus(row, PENDING, late_minutes=_minutes_after(now, need.due_at) if need.is_open else 0)
        status.answers = listed.get(row.unit_id, [])
        result.append(status)
    return result


def counts(items: list[UnitStatus]) -> dict[str, int]:
    tally = {ANSWERED: 0, DECLINED: 0, PENDING: 0}
    for item in items:
        tally[item.status] += 1
    return tally


def pending_rows() -> QuerySet[NeedUnit]:
    """Asked units of open needs that have neither answered nor declined (what reminders are for)."""
    answered = Submission.objects.filter(need_id=OuterRef("need_id"), unit_id=OuterRef("unit_id"),
                                         first_submitted_at__isnull=False)
    return (NeedUnit.objects.filter(need__closed_at=None, declined_at=None).filter(~Exists(answered))
            .select_related("need", "unit"))
