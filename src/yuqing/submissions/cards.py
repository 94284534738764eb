"""The overview page's card of open information needs (declared on SubmissionsConfig)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from yuqing.submissions import need_status
from yuqing.submissions.access import visible_need_units, visible_needs, visible_submissions


def open_needs(request: HttpRequest) -> dict | None:
    """Open needs with where the user's units (for the office: all units) stand; None when there are none."""
    user, now = request.user, timezone.now()
    rows = []
    for need in visible_needs(user).filter(closed_at=None).order_by("due_at")[:10]:
        mine = need_status.statuses(need, visible_need_units(user, need), visible_submissions(user), now)
        rows.append({"need": need, "counts": need_status.counts(mine), "mine": mine})
    return {"need_rows": rows, "now": now} if rows else None
