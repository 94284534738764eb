"""The reporting workflow over HTTP. Every query starts from the access functions, so the API
shows a user exactly what the pages show them."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router
from ninja.responses import Status

from yuqing.errors import InputError
from yuqing.submissions import adoption, editing, instructions, need_status, needs, workflow
from yuqing.submissions.access import (
    visible_deadlines, visible_need_units, visible_needs, visible_submissions, visible_tasks,
)
from yuqing.submissions.periods import current_month, parse_period
from yuqing.submissions.permissions import allowed
from yuqing.submissions.rankings import ORDERS, person_rows, ranked, unit_rows
from yuqing.submissions.schemas import (
    ActIn, DeadlineOut, DeclineIn, ItemIn, ItemOut, ItemPatch, NeedDetailOut, NeedOut, RankingOut, ResultIn, TaskOut,
)
from yuqing.units.access import member_units, visible_units

router = Router(tags=["submissions"])


def _item(request, submission_id: int):
    return get_object_or_404(visible_submissions(request.user).select_related("unit", "author", "holder"), pk=submission_id)


@router.get("", response=list[ItemOut])
def list_items(request, state: str = "", category: str = "", q: str = ""):
    items = visible_submissions(request.user).select_related("unit", "author", "holder")
    if state:
        items = items.filter(state=state)
    if category:
        items = items.filter(category=category)
    if q:
        items = items.filter(title__icontains=q) | items.filter(body__icontains=q)
    return items[:500]


@router.post("", response={201: ItemOut})
def create_item(request, payload: ItemIn):
    unit = get_object_or_404(member_units(request.user), pk=payload.unit_id)
    thread = _item(request, payload.thread_id) if payload.thread_id else None
    need = get_object_or_404(visible_needs(request.user), pk=payload.need_id) if payload.need_id else None
    data = payload.dict(exclude={"unit_id", "thread_id", "need_id"})
    return Status(201, editing.create_submission(request.user, unit=unit, thread=thread, need=need, **data))


@router.get("/deadlines", response=list[DeadlineOut])
def list_deadlines(request, status: str = ""):
    deadlines = visible_deadlines(request.user)
    return deadlines.filter(status=status) if status else deadlines


@router.get("/ranking", response=RankingOut)
def ranking(request, period: str = "", by: str = "points"):
    parsed = parse_period(period or current_month())
    units = visible_units(request.user)
    order = by if by in ORDERS else "points"
    return {"period": parsed.label, "units": ranked(unit_rows(parsed, units), order),
            "people": ranked(person_rows(parsed, units), order)}


@router.get("/tasks", response=list[TaskOut])
def list_tasks(request):
    return visible_tasks(request.user).select_related("instruction")


@router.post("/tasks/{task_id}/complete", response=TaskOut)
def complete_task(request, task_id: int, payload: ResultIn):
    task = get_object_or_404(visible_tasks(request.user).select_related("instruction"), pk=task_id)
    return instructions.complete_task(request.user, task, result=payload.result)


@router.get("/needs", response=list[NeedOut])
def list_needs(request, open_only: bool = False):
    needs = visible_needs(request.user)
    return needs.filter(closed_at=None) if open_only else needs


@router.get("/needs/{need_id}", response=NeedDetailOut)
def get_need(request, need_id: int):
    need = get_object_or_404(visible_needs(request.user), pk=need_id)
    rows = visible_need_units(request.user, need)
    need.units = need_status.statuses(need, rows, visible_submissions(request.user), timezone.now())
    return need


@router.post("/needs/{need_id}/decline", response=NeedDetailOut)
def decline_need(request, need_id: int, payload: DeclineIn):
    need = get_object_or_404(visible_needs(request.user), pk=need_id)
    needs.decline(request.user, need, unit=get_object_or_404(member_units(request.user), pk=payload.unit_id),
                  reason=payload.reason)
    return get_need(request, need_id)


@router.get("/{submission_id}", response=ItemOut)
def get_item(request, submission_id: int):
    return _item(request, submission_id)


@router.get("/{submission_id}/actions", response=list[str])
def item_actions(request, submission_id: int):
    return sorted(allowed(request.user, _item(request, submission_id)))


@router.patch("/{submission_id}", response=ItemOut)
def edit_item(request, submission_id: int, payload: ItemPatch):
    return editing.edit_submission(request.user, _item(request, submission_id), **payload.dict(exclude_unset=True))


VERBS = {
    "submit": lambda u, i, p: workflow.submit(u, i),
    "withdraw": lambda u, i, p: workflow.withdraw(u, i),
    "take": lambda u, i, p: workflow.take(u, i),
    "release": lambda u, i, p: workflow.release(u, i),
    "return": lambda u, i, p: workflow.return_item(u, i, reason=p.reason),
    "reject": lambda u, i, p: workflow.reject(u, i, reason=p.reason),
    "adopt": lambda u, i, p: workflow.adopt(u, i, level=p.level, note=p.note),
    "sign_off": lambda u, i, p: workflow.sign_off(u, i, note=p.note),
    "close_event": lambda u, i, p: editing.close_event(u, i),
    "record_adoption": lambda u, i, p: adoption.record_adoption(u, i, level=p.level, evidence=p.evidence, link=p.link,
                                                                note=p.note).submission,
    "instruct": lambda u, i, p: instructions.give_instruction(u, i, text=p.text).submission,
}


@router.post("/{submission_id}/{verb}", response=ItemOut)
def act(request, submission_id: int, verb: str, payload: ActIn):
    if verb not in VERBS:
        raise InputError(f"unknown action {verb!r}; one of: {', '.join(VERBS)}")
    item = _item(request, submission_id)
    VERBS[verb](request.user, item, payload)
    return _item(request, submission_id)
