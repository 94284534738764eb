"""Who sees which items: the one place unit-scoped visibility of submissions is decided.

Every page, API endpoint, export and search over submissions starts from `visible_submissions`.
Office-wide roles see every item that has left its unit (everything but drafts), and sudden-incident
items and the office's own requests from the start, because their clocks run against the office's
deadlines; officers and
unit heads see all items of their own units (unit heads: and of the units below), drafts included,
and a unit given a follow-up task on a leader's instruction may read the item the task is about.
Information needs: the office sees all; a unit sees the needs that asked it, and only its own row
of who answered.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from yuqing.accounts.roles import has_role
from yuqing.submissions.models import (
    Category, FollowUpTask, InformationNeed, Instruction, NeedUnit, ReportDeadline, State, Submission,
)
from yuqing.units.access import is_office_wide, member_unit_ids


def visible_submissions(user) -> QuerySet[Submission]:
    if not getattr(user, "is_authenticated", False):
        return Submission.objects.none()
    condition = Q(pk__in=[])
    if is_office_wide(user):
        condition |= ~Q(state=State.DRAFT) | Q(category=Category.SUDDEN) | Q(requested_by__isnull=False)
    units = member_unit_ids(user)
    if units:
        tasked = FollowUpTask.objects.filter(unit_id__in=units).values("instruction__submission_id")
        condition |= Q(unit_id__in=units) | Q(pk__in=tasked)
    return Submission.objects.filter(condition)


def visible_deadlines(user) -> QuerySet[ReportDeadline]:
    return ReportDeadline.objects.filter(root__in=visible_submissions(user))


def visible_instructions(user) -> QuerySet[Instruction]:
    return Instruction.objects.filter(submission__in=visible_submissions(user))


def visible_tasks(user) -> QuerySet[FollowUpTask]:
    tasks = FollowUpTask.objects.filter(instruction__submission__in=visible_submissions(user))
    if is_office_wide(user):
        return tasks
    units = member_unit_ids(user)  # a tasked unit sees its own task, not other units' tasks on the item
    return tasks.filter(Q(unit_id__in=units) | Q(instruction__submission__unit_id__in=units))


def visible_needs(user) -> QuerySet[InformationNeed]:
    """Office-wide roles see every need; a unit user the needs that asked one of their units."""
    if is_office_wide(user):
        return InformationNeed.objects.all()
    return InformationNeed.objects.filter(asked__unit_id__in=member_unit_ids(user)).distinct()


def visible_need_units(user, need: InformationNeed | None = None) -> QuerySet[NeedUnit]:
    """The asked units whose answers the user may follow (of `need`, or of every need): all for the
    office, their own for a unit."""
    rows = (need.asked if need is not None else NeedUnit.objects).select_related("unit", "declined_by")
    return rows if is_office_wide(user) else rows.filter(unit_id__in=member_unit_ids(user))


def is_member_of(user, unit_id: int) -> bool:
    return unit_id in member_unit_ids(user)


def can_instruct(user) -> bool:
    return has_role(user, "leader", "admin")


def can_sign_off(user) -> bool:
    return has_role(user, "chief_editor", "admin")
