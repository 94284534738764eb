"""The overview page's reporting cards (declared on SubmissionsConfig): open information needs for
everyone in reporting; the editor's review queue, the unit officer's month and the leader's overview
for those who hold these roles (accounts.roles.holds: a superuser sees them only if given the role)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import HttpRequest
from django.utils import timezone

from yuqing.submissions import need_status
from yuqing.submissions.access import (
    visible_deadlines, visible_instructions, visible_need_units, visible_needs, visible_submissions, visible_tasks,
)
from yuqing.submissions.models import Category, ReportDeadline, State
from yuqing.submissions.periods import current_month, parse_period
from yuqing.submissions.quotas import month_progress
from yuqing.submissions.rankings import ranked, unit_rows
from yuqing.units.access import member_units, visible_units

INSTRUCTION_DAYS = 30


def open_needs(request: HttpRequest) -> dict | None:
    """Open needs with where the user's units (for the office: all units) stand; None when there are none."""
    user, now = request.user, timezone.now()
    needs = list(visible_needs(user).filter(closed_at=None).order_by("due_at")[:10])
    statuses = need_status.statuses_of(needs, visible_need_units(user), visible_submissions(user), now)
    rows = [{"need": need, "counts": need_status.counts(statuses[need.pk]), "mine": statuses[need.pk]} for need in needs]
    return {"need_rows": rows, "now": now} if rows else None


# --- the cards of each reporting role's own work ------------------------------------------------

def review_queue(request: HttpRequest) -> dict:
    """The editor's queue: items to review (sudden incidents first), those the user holds, those
    awaiting sign-off, and the sudden-incident clocks running."""
    user, now = request.user, timezone.now()
    visible = visible_submissions(user).select_related("unit", "holder")
    sudden_first = Case(When(category=Category.SUDDEN, then=Value(0)), default=Value(1), output_field=IntegerField())
    waiting = visible.filter(state=State.SUBMITTED).order_by(sudden_first, "submitted_at")
    deadlines = visible_deadlines(user).filter(status=ReportDeadline.Status.PENDING).select_related("root", "unit")
    return {"waiting": list(waiting[:6]), "waiting_count": waiting.count(),
            "mine": list(visible.filter(state=State.IN_REVIEW, holder=user).order_by("held_at")[:5]),
            "signoff": list(visible.filter(state=State.PENDING_SIGNOFF).order_by("decided_at")[:5]),
            "deadlines": list(deadlines.order_by("due_at")[:6]),
            "overdue": deadlines.filter(due_at__lte=now).count(), "now": now}


def unit_month(request: HttpRequest) -> dict:
    """The unit officer's month: the quota of their units and their own, items returned to them,
    reports the office asked of them, and their sudden-incident clocks."""
    user, today, now = request.user, timezone.localdate(), timezone.now()
    units = member_units(user)
    rows = [r for r in month_progress(today.year, today.month, units) if r.person_id in (None, user.pk)]
    items = visible_submissions(user).filter(unit__in=units).select_related("unit")
    deadlines = visible_deadlines(user).filter(unit__in=units, status=ReportDeadline.Status.PENDING).select_related("root")
    return {"quota_rows": rows, "month": today, "now": now,
            "returned": list(items.filter(state=State.RETURNED).order_by("-decided_at")[:6]),
            "requested": list(items.filter(state=State.DRAFT, requested_by__isnull=False).order_by("created_at")[:5]),
            "drafts": items.filter(state=State.DRAFT, requested_by__isnull=True).count(),
            "deadlines": list(deadlines.order_by("due_at")[:5])}


def leader_overview(request: HttpRequest) -> dict:
    """The leader's instructions of the last weeks with their tasks' progress, and this month's ranking."""
    user = request.user
    since = timezone.now() - timedelta(days=INSTRUCTION_DAYS)
    instructions = (visible_instructions(user).filter(leader=user, given_at__gte=since).select_related("submission__unit")
                    .annotate(tasks_total=Count("tasks"), tasks_done=Count("tasks", filter=Q(tasks__completed_at__isnull=False))))
    period = parse_period(current_month())
    return {"instructions": list(instructions[:6]), "period": period,
            "open_tasks": visible_tasks(user).filter(completed_at=None).count(),
            "ranking": ranked(unit_rows(period, visible_units(user)))[:5]}
