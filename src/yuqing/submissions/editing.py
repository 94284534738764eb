"""Writing items: create (and every edit) keeps a version; sudden incidents open their clocks."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.accounts.roles import has_role
from yuqing.actions import action
from yuqing.errors import InputError, WorkflowError
from yuqing.submissions import deadlines, needs
from yuqing.submissions.models import Category, InformationNeed, Stage, Submission
from yuqing.submissions.richtext import sanitize
from yuqing.submissions.versions import snapshot
from yuqing.submissions.workflow import EDITABLE, require_member, require_state
from yuqing.units.access import is_reviewer, member_unit_ids
from yuqing.units.models import Unit


def _check(category: str, title: str, event_at: datetime | None) -> None:
    if category not in Category.values:
        raise InputError(_("Unknown category %(category)s") % {"category": category})
    if not title.strip():
        raise InputError(_("An item needs a title"))
    if category == Category.SUDDEN and event_at is None:
        raise InputError(_("A sudden-incident report needs the time of the event: its deadlines count from it"))


def _thread_stage(category: str, thread: Submission | None, stage: str, unit: Unit) -> str:
    if thread is None:
        return Stage.FIRST if category == Category.SUDDEN else Stage.NONE
    if category != Category.SUDDEN or not thread.is_sudden or thread.thread_id or thread.unit_id != unit.pk:
        raise InputError(_("A follow-up or final report continues a sudden incident of the same unit"))
    if stage not in (Stage.FOLLOWUP, Stage.FINAL):
        raise InputError(_("A report in an incident's thread is a follow-up or a final report"))
    if thread.followups.filter(stage=Stage.FINAL).exists():
        raise WorkflowError(_("This incident already has its final report"))
    return stage


@action("submission.create")
def create_submission(actor, *, unit: Unit, category: str, title: str, body: str = "", event_at: datetime | None = None,
                      event_place: str = "", thread: Submission | None = None, stage: str = "",
                      need: InformationNeed | None = None) -> Submission:
    if unit.pk not in member_unit_ids(actor):
        raise WorkflowError(_("Only officers of %(unit)s may write its items") % {"unit": unit.name})
    if thread is not None:
        event_at, event_place = thread.event_at, event_place or thread.event_place
    _check(category, title, event_at)
    if need is not None:
        needs.check_answer(need, unit, category)
    stage = _thread_stage(category, thread, stage, unit)
    now = timezone.now()
    item = Submission.objects.create(unit=unit, author=actor, category=category, stage=stage, thread=thread, need=need,
                                     title=title.strip(), body=sanitize(body), event_at=event_at,
                                     event_place=event_place.strip(), created_at=now, updated_at=now)
    snapshot(item, actor)
    if item.is_sudden and thread is None:
        deadlines.open_clocks(item)
    return item


@action("submission.request")
def request_report(actor, *, unit: Unit, title: str, event_at: datetime, event_place: str = "") -> Submission:
    """The office (an editor, or the duty officer handling an incident) asks a unit for a sudden-incident
    report: its clocks run from the time of the event."""
    if not has_role(actor, "editor", "chief_editor", "duty_officer", "admin"):
        raise WorkflowError(_("Only editors and duty officers ask units for reports"))
    _check(Category.SUDDEN, title, event_at)
    now = timezone.now()
    item = Submission.objects.create(unit=unit, author=actor, requested_by=actor, category=Category.SUDDEN,
                                     stage=Stage.FIRST, title=title.strip(), event_at=event_at,
                                     event_place=event_place.strip(), created_at=now, updated_at=now)
    snapshot(item, actor)
    deadlines.open_clocks(item)
    return item


@action("submission.edit")
def edit_submission(actor, item: Submission, *, title: str | None = None, body: str | None = None,
                    category: str | None = None, event_at: datetime | None = None,
                    event_place: str | None = None) -> Submission:
    require_member(actor, item)
    require_state(item, EDITABLE, _("edit"))
    new = {"title": (title if title is not None else item.title).strip(),
           "body": sanitize(body) if body is not None else item.body,
           "category": category or item.category,
           "event_at": event_at if event_at is not None else item.event_at,
           "event_place": (event_place if event_place is not None else item.event_place).strip()}
    if item.thread_id or item.followups.exists():
        new["category"] = item.category  # the reports of an incident's thread stay sudden-incident reports
    _check(new["category"], new["title"], new["event_at"])
    if item.need_id and new["category"] != item.category:
        needs.check_answer(item.need, item.unit, new["category"])
    if all(getattr(item, k) == v for k, v in new.items()):
        return item
    moved, was_sudden = new["event_at"] != item.event_at, item.is_sudden
    for key, value in new.items():
        setattr(item, key, value)
    item.version += 1
    item.updated_at = timezone.now()
    if item.is_sudden != was_sudden:
        _recategorised(item)
    item.save()
    snapshot(item, actor)
    if moved and item.is_sudden and not item.thread_id:
        deadlines.reschedule(item)
    return item


def _recategorised(item: Submission) -> None:
    """An item moved into or out of the sudden-incident category: start or drop its running clocks."""
    if item.is_sudden:
        item.stage = Stage.FIRST
        if not item.deadlines.exists():
            deadlines.open_clocks(item)
        return
    item.stage = Stage.NONE
    item.deadlines.filter(status=deadlines.Status.PENDING).delete()


@action("submission.close_event")
def close_event(actor, item: Submission, *, closed_at: datetime | None = None) -> Submission:
    """The incident is over: the final report's clock starts."""
    if not (item.unit_id in member_unit_ids(actor) or is_reviewer(actor)):
        raise WorkflowError(_("Only the unit's officers or the editors may close an incident"))
    if not item.is_sudden or item.thread_id:
        raise WorkflowError(_("Only the first report of a sudden incident stands for the incident"))
    if item.event_closed_at:
        raise WorkflowError(_("The incident is already closed"))
    item.event_closed_at = closed_at or timezone.now()
    item.save(update_fields=["event_closed_at"])
    deadlines.start_final_clock(item, item.event_closed_at)
    return item
