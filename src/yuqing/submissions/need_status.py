"""Where each asked unit stands on an information need: answered, declined, or not yet, and how late.

A unit has answered when one of its items for the need has been submitted (its first submission
counts, as for sudden-incident clocks: a return and resubmission does not move it). An answer
outranks a decline. Lateness is measured against the need's due time.
"""

from __future__ import annotations

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
    first = first_answers(need)
    listed: dict[int, list[Submission]] = {}
    for item in answers.filter(need=need).order_by("created_at", "id"):
        listed.setdefault(item.unit_id, []).append(item)
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
