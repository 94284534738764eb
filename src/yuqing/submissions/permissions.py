"""Which buttons a user gets on an item. The actions check again; this only keeps pages honest."""

from __future__ import annotations

from yuqing.accounts.roles import has_role
from yuqing.submissions.access import can_instruct, can_sign_off
from yuqing.submissions.models import State, Submission
from yuqing.units.access import is_reviewer, member_unit_ids


def allowed(user, item: Submission) -> set[str]:
    member = item.unit_id in member_unit_ids(user)
    reviewer = is_reviewer(user)
    state = item.state
    verbs: set[str] = set()
    if member and state in (State.DRAFT, State.RETURNED):
        verbs |= {"edit", "submit", "attach", "link"}
    if member and state == State.SUBMITTED:
        verbs.add("withdraw")
    if reviewer and state in (State.SUBMITTED, State.IN_REVIEW):
        verbs.add("take")
    if reviewer and state == State.IN_REVIEW and item.holder_id == user.pk:
        verbs |= {"return", "reject", "adopt", "release"}
    if state == State.PENDING_SIGNOFF and can_sign_off(user):
        verbs |= {"sign_off", "return", "reject"}
    if state == State.ADOPTED and (reviewer or (member and has_role(user, "unit_head"))):
        verbs.add("record_adoption")
    if state not in (State.DRAFT,) and can_instruct(user):
        verbs.add("instruct")
    if item.is_sudden and not item.thread_id and (member or reviewer):
        if item.event_closed_at is None:
            verbs.add("close_event")
        if member and not item.followups.filter(stage="final").exists():
            verbs.add("follow_up")
    return verbs
