"""Deadline clocks of sudden-incident reports, and the reminders they cause.

A sudden incident's first report opens its clocks, counted from the time of the event: the first
report and the first follow-up (minutes set in the reporting policy). Closing the event starts the
final report's clock. Everything takes `now` from the caller, so tests run on their own clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.actions import action
from yuqing.submissions import notify, scoring
from yuqing.submissions.models import ReportDeadline, ReportingPolicy, Stage, Submission

Status = ReportDeadline.Status


def _due(event_at: datetime, stage: str, policy: ReportingPolicy) -> datetime:
    minutes = policy.first_report_minutes if stage == Stage.FIRST else policy.followup_minutes
    return event_at + timedelta(minutes=minutes)


def _responsible(root: Submission):
    """An item the office asked for is nobody's in the unit until an officer sends it: the unit answers."""
    return None if root.requested_by_id and root.requested_by_id == root.author_id else root.author


def open_clocks(root: Submission) -> None:
    policy = ReportingPolicy.current()
    for stage in (Stage.FIRST, Stage.FOLLOWUP):
        ReportDeadline.objects.create(root=root, stage=stage, unit=root.unit, person=_responsible(root),
                                      due_at=_due(root.event_at, stage, policy))


def reschedule(root: Submission) -> None:
    """The time of the event was corrected: move the clocks that still run."""
    policy = ReportingPolicy.current()
    for deadline in root.deadlines.filter(status=Status.PENDING, stage__in=[Stage.FIRST, Stage.FOLLOWUP]):
        deadline.due_at = _due(root.event_at, deadline.stage, policy)
        deadline.save(update_fields=["due_at"])


def start_final_clock(root: Submission, closed_at: datetime) -> ReportDeadline:
    minutes = ReportingPolicy.current().final_after_close_minutes
    deadline, _created = ReportDeadline.objects.get_or_create(
        root=root, stage=Stage.FINAL,
        defaults={"unit": root.unit, "person": _responsible(root), "due_at": closed_at + timedelta(minutes=minutes)})
    return deadline


def record_report(item: Submission, actor, now: datetime) -> ReportDeadline | None:
    """An item of a sudden incident was submitted: stop the clock of its stage (on time or late)."""
    root = item.thread_root
    if item.stage == Stage.FINAL and root.event_closed_at is None:
        root.event_closed_at = now  # a final report closes the event
        root.save(update_fields=["event_closed_at"])
        start_final_clock(root, now)
    deadline = root.deadlines.filter(stage=item.stage, met_at=None).first()
    if deadline is None:
        return None
    deadline.met_at, deadline.met_by, deadline.person = now, item, actor
    if deadline.status == Status.PENDING:
        late = now > deadline.due_at
        deadline.status = Status.LATE if late else Status.MET
        deadline.late_minutes = int((now - deadline.due_at).total_seconds() // 60) if late else None
    deadline.save()
    if deadline.status == Status.LATE:
        scoring.deduct_lateness(deadline, now)
    return deadline


@dataclass
class Reminder:
    deadline: ReportDeadline
    kind: str  # "due_soon" | "overdue" | "missed"
    recipients: list = field(default_factory=list)


def due_reminders(now: datetime) -> list[Reminder]:
    """Which reminders are due at `now` (nothing is sent or stamped here)."""
    policy = ReportingPolicy.current()
    soon, missed_after = timedelta(minutes=policy.remind_before_minutes), timedelta(minutes=policy.missed_after_minutes)
    reminders = []
    for deadline in ReportDeadline.objects.filter(status=Status.PENDING, due_at__lte=now + soon).select_related("root"):
        if now >= deadline.due_at + missed_after:
            kind = "missed"
        elif now >= deadline.due_at:
            kind = "overdue" if deadline.overdue_notified_at is None else None
        else:
            kind = "due_soon" if deadline.reminded_at is None else None
        if kind:
            people = notify.unit_people(deadline.unit_id) + (notify.reviewers() if kind != "due_soon" else [])
            reminders.append(Reminder(deadline, kind, list(dict.fromkeys(people))))
    return reminders


def run_checks(now: datetime | None = None) -> list[Reminder]:
    """The background job: send what is due, stamp it, and mark missed reports."""
    now = now or timezone.now()
    reminders = due_reminders(now)
    for reminder in reminders:
        _apply(reminder, now)
    return reminders


def _apply(reminder: Reminder, now: datetime) -> None:
    deadline = reminder.deadline
    if reminder.kind == "missed":
        mark_missed(None, deadline, now=now)
    elif reminder.kind == "overdue":
        ReportDeadline.objects.filter(pk=deadline.pk).update(overdue_notified_at=now, reminded_at=deadline.reminded_at or now)
    else:
        ReportDeadline.objects.filter(pk=deadline.pk).update(reminded_at=now)
    title, severity = _message(reminder)
    notify.send(reminder.recipients, title, body=deadline.root.title, severity=severity, kind=f"deadline.{reminder.kind}",
                link=reverse("submissions:detail", args=[deadline.root_id]))


def _message(reminder: Reminder) -> tuple[str, str]:
    values = {"stage": reminder.deadline.get_stage_display(), "unit": reminder.deadline.unit.name,
              "due": timezone.localtime(reminder.deadline.due_at).strftime("%m-%d %H:%M")}
    if reminder.kind == "due_soon":
        return _("%(stage)s of %(unit)s is due at %(due)s") % values, "medium"
    if reminder.kind == "overdue":
        return _("%(stage)s of %(unit)s is overdue (due %(due)s)") % values, "high"
    return _("%(stage)s of %(unit)s was missed (due %(due)s)") % values, "critical"


@action("deadline.missed")
def mark_missed(actor, deadline: ReportDeadline, *, now: datetime) -> ReportDeadline:
    deadline.status = Status.MISSED
    deadline.overdue_notified_at = deadline.overdue_notified_at or now
    deadline.save(update_fields=["status", "overdue_notified_at"])
    scoring.deduct_lateness(deadline, now)
    return deadline
