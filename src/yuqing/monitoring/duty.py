"""The duty roster: who is on duty at a moment, who is next in line, and where the day has gaps.

Escalation order for an alert: the shift's officer, then the next person (the shift's backup,
else the officer of the following shift), then the lead (the shift's leader on duty, else
every user with the "leader" role). Every step is logged on the alert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.accounts.roles import has_role
from yuqing.actions import action
from yuqing.errors import InputError, WorkflowError
from yuqing.monitoring.models import HandoverNote, Shift

LEVEL_OFFICER, LEVEL_NEXT, LEVEL_LEAD = 0, 1, 2


def shift_at(when: datetime) -> Shift | None:
    """The shift covering `when` (the latest-starting one if shifts overlap)."""
    return (Shift.objects.select_related("officer", "backup", "leader")
            .filter(starts_at__lte=when, ends_at__gt=when).order_by("-starts_at", "-id").first())


def next_shift(after: Shift) -> Shift | None:
    return Shift.objects.select_related("officer").filter(starts_at__gte=after.ends_at).order_by("starts_at", "id").first()


def responders(level: int, when: datetime) -> list:
    """Who is told at escalation `level` at time `when`; may be empty (the caller falls back)."""
    shift = shift_at(when)
    if level == LEVEL_OFFICER:
        return [shift.officer] if shift else []
    if level == LEVEL_NEXT:
        if shift and shift.backup:
            return [shift.backup]
        following = next_shift(shift) if shift else None
        return [following.officer] if following and (not shift or following.officer_id != shift.officer_id) else []
    if shift and shift.leader:
        return [shift.leader]
    return list(get_user_model().objects.filter(is_active=True, groups__name="leader"))


@dataclass(frozen=True)
class Gap:
    starts_at: datetime
    ends_at: datetime


def gaps(start: datetime, end: datetime) -> list[Gap]:
    """Stretches of [start, end) no shift covers."""
    found, cursor = [], start
    for shift in Shift.objects.filter(ends_at__gt=start, starts_at__lt=end).order_by("starts_at"):
        if shift.starts_at > cursor:
            found.append(Gap(cursor, shift.starts_at))
        cursor = max(cursor, shift.ends_at)
    if cursor < end:
        found.append(Gap(cursor, end))
    return found


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def can_plan(user) -> bool:
    return has_role(user, "admin", "leader", "duty_officer")


def _check(actor, starts_at: datetime, ends_at: datetime) -> None:
    if not can_plan(actor):
        raise WorkflowError(_("Only duty officers, leaders and administrators may change the roster"))
    if ends_at <= starts_at:
        raise InputError(_("A shift must end after it starts"))
    if ends_at - starts_at > timedelta(hours=48):
        raise InputError(_("A shift may last at most 48 hours"))


@action("duty.shift_create")
def create_shift(actor, *, starts_at: datetime, ends_at: datetime, officer, backup=None, leader=None) -> Shift:
    _check(actor, starts_at, ends_at)
    return Shift.objects.create(starts_at=starts_at, ends_at=ends_at, officer=officer, backup=backup, leader=leader)


@action("duty.shift_delete")
def delete_shift(actor, shift: Shift) -> None:
    _check(actor, shift.starts_at, shift.ends_at)
    shift.delete()


@action("duty.rotation")
def plan_rotation(actor, *, officers: list, first_day: date, days: int, start_hour: int = 8, hours: int = 24,
                  backup=None, leader=None) -> list[Shift]:
    """Shifts of `hours` from `first_day` at `start_hour`, for `days` days, officers taking turns."""
    if not officers or days < 1 or hours not in (8, 12, 24) or not 0 <= start_hour < 24:
        raise InputError(_("Choose officers, at least one day, and shifts of 8, 12 or 24 hours"))
    start = timezone.make_aware(datetime.combine(first_day, time(start_hour)))
    count = days * 24 // hours
    _check(actor, start, start + timedelta(hours=hours))
    return [Shift.objects.create(starts_at=start + timedelta(hours=hours * n), ends_at=start + timedelta(hours=hours * (n + 1)),
                                 officer=officers[n % len(officers)], backup=backup, leader=leader) for n in range(count)]


@action("duty.handover")
def add_handover_note(actor, shift: Shift, *, text: str) -> HandoverNote:
    if not (can_plan(actor) or getattr(actor, "pk", None) in {shift.officer_id, shift.backup_id, shift.leader_id}):
        raise WorkflowError(_("Only the people of this shift and duty planners may write its hand-over notes"))
    if not text.strip():
        raise InputError(_("Write the hand-over note first"))
    return HandoverNote.objects.create(shift=shift, author=actor, text=text.strip())
