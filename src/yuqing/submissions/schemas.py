"""The API's request and response shapes for the reporting workflow."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema

from yuqing.accounts.people import person_name


class ItemOut(Schema):
    id: int
    unit_id: int
    unit: str
    author: str
    author_id: int
    category: str
    stage: str
    thread_id: int | None
    need_id: int | None
    title: str
    body: str
    event_at: datetime | None
    event_place: str
    state: str
    version: int
    holder: str | None
    holder_id: int | None
    first_submitted_at: datetime | None
    adopted_at: datetime | None

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_author(obj) -> str:
        return person_name(obj.author)

    @staticmethod
    def resolve_holder(obj) -> str | None:
        return person_name(obj.holder) or None


class ItemIn(Schema):
    unit_id: int
    category: str
    title: str
    body: str = ""
    event_at: datetime | None = None
    event_place: str = ""
    thread_id: int | None = None
    stage: str = ""
    need_id: int | None = None


class ItemPatch(Schema):
    title: str | None = None
    body: str | None = None
    category: str | None = None
    event_at: datetime | None = None
    event_place: str | None = None


class ActIn(Schema):
    reason: str = ""
    level: str = "city"
    note: str = ""
    evidence: str = ""
    link: str = ""
    text: str = ""


class DeadlineOut(Schema):
    id: int
    root_id: int
    unit_id: int
    stage: str
    due_at: datetime
    status: str
    met_at: datetime | None
    late_minutes: int | None


class RankOut(Schema):
    rank: int
    key: int
    name: str
    unit: str
    submitted: int
    adopted: int
    rate: float
    provincial: int
    central: int
    instructions: int
    late: int
    missed: int
    needs_asked: int
    needs_answered: int
    points: Decimal


class RankingOut(Schema):
    period: str
    units: list[RankOut]
    people: list[RankOut]


class TaskOut(Schema):
    id: int
    submission_id: int
    unit_id: int
    description: str
    due_on: date | None
    completed_at: datetime | None
    result: str

    @staticmethod
    def resolve_submission_id(obj) -> int:
        return obj.instruction.submission_id


class ResultIn(Schema):
    result: str


class NeedUnitOut(Schema):
    unit_id: int
    unit: str
    status: str  # answered | declined | pending
    answered_at: datetime | None
    late_minutes: int
    declined_reason: str
    answer_ids: list[int]

    @staticmethod
    def resolve_unit_id(obj) -> int:
        return obj.row.unit_id

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.row.unit.name

    @staticmethod
    def resolve_declined_reason(obj) -> str:
        return obj.row.declined_reason

    @staticmethod
    def resolve_answer_ids(obj) -> list[int]:
        return [item.pk for item in obj.answers]


class NeedOut(Schema):
    id: int
    title: str
    wanted: str
    categories: list[str]
    source: str
    due_at: datetime
    scope: str
    published_at: datetime
    closed_at: datetime | None


class NeedDetailOut(NeedOut):
    units: list[NeedUnitOut]


class DeclineIn(Schema):
    unit_id: int
    reason: str
