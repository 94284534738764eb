"""Leaders' instructions (批示) on items or bulletin entries, and the follow-up tasks they set."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.accounts.roles import has_role
from yuqing.actions import action
from yuqing.errors import InputError, WorkflowError
from yuqing.submissions import scoring
from yuqing.submissions.access import can_instruct, visible_submissions
from yuqing.submissions.models import FollowUpTask, Instruction, State, Submission
from yuqing.units.access import member_unit_ids
from yuqing.units.models import Unit


@action("instruction.give")
def give_instruction(actor, item: Submission, *, text: str, via_issue=None) -> Instruction:
    if not can_instruct(actor):
        raise WorkflowError(_("Only leaders give instructions"))
    if not visible_submissions(actor).filter(pk=item.pk).exists() or item.state == State.DRAFT:
        raise WorkflowError(_("This item has not been submitted"))
    if not text.strip():
        raise InputError(_("Write the instruction"))
    instruction = Instruction.objects.create(submission=item, via_issue=via_issue, leader=actor, text=text.strip(),
                                             given_at=timezone.now())
    scoring.award_instruction(instruction)
    return instruction


@action("task.create")
def create_task(actor, instruction: Instruction, *, unit: Unit, description: str, due_on: date | None = None) -> FollowUpTask:
    if not has_role(actor, "leader", "editor", "chief_editor", "admin"):
        raise WorkflowError(_("Only leaders and editors set follow-up tasks"))
    if not description.strip():
        raise InputError(_("Say what is to be done"))
    return FollowUpTask.objects.create(instruction=instruction, unit=unit, description=description.strip(),
                                       due_on=due_on, created_by=actor)


@action("task.complete")
def complete_task(actor, task: FollowUpTask, *, result: str) -> FollowUpTask:
    if task.completed_at:
        raise WorkflowError(_("This task is already completed"))
    if task.unit_id not in member_unit_ids(actor) and not has_role(actor, "editor", "chief_editor", "admin"):
        raise WorkflowError(_("Only the unit the task was given to may complete it"))
    if not result.strip():
        raise InputError(_("Say what was done"))
    task.completed_at, task.completed_by, task.result = timezone.now(), actor, result.strip()
    task.save()
    return task
