"""The state machine of an item: every legal step, and the illegal ones with clear refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.submissions.helpers import in_review, new_item
from yuqing.accounts.models import AuditEntry
from yuqing.errors import InputError, WorkflowError
from yuqing.submissions import editing, workflow
from yuqing.submissions.models import Adoption, ReportingPolicy, State

pytestmark = pytest.mark.django_db


def _to_state(office, state: str):
    """An item of county A brought to `state` through the actions."""
    item = new_item(office)
    if state == State.DRAFT:
        return item
    workflow.submit(office.officer_a, item)
    if state == State.SUBMITTED:
        return item
    workflow.take(office.editor, item)
    if state == State.IN_REVIEW:
        return item
    if state == State.RETURNED:
        return workflow.return_item(office.editor, item, reason="请补充时间")
    if state == State.REJECTED:
        return workflow.reject(office.editor, item, reason="重复报送")
    if state == State.PENDING_SIGNOFF:
        ReportingPolicy.objects.create(two_level_signoff=True)
        return workflow.adopt(office.editor, item)
    return workflow.adopt(office.editor, item)


# (state, step) -> the state after it; every other step from that state must be refused.
LEGAL = {
    (State.DRAFT, "submit"): State.SUBMITTED,
    (State.SUBMITTED, "withdraw"): State.DRAFT,
    (State.SUBMITTED, "take"): State.IN_REVIEW,
    (State.IN_REVIEW, "release"): State.SUBMITTED,
    (State.IN_REVIEW, "return"): State.RETURNED,
    (State.IN_REVIEW, "reject"): State.REJECTED,
    (State.IN_REVIEW, "adopt"): State.ADOPTED,
    (State.IN_REVIEW, "take"): State.IN_REVIEW,
    (State.RETURNED, "submit"): State.SUBMITTED,
    (State.PENDING_SIGNOFF, "sign_off"): State.ADOPTED,
    (State.PENDING_SIGNOFF, "return"): State.RETURNED,
    (State.PENDING_SIGNOFF, "reject"): State.REJECTED,
}
STEPS = ["submit", "withdraw", "take", "release", "return", "reject", "adopt", "sign_off"]
STATES = [State.DRAFT, State.SUBMITTED, State.IN_REVIEW, State.RETURNED, State.REJECTED, State.PENDING_SIGNOFF, State.ADOPTED]


def _do(office, step: str, item):
    """Each step by the person who would normally take it."""
    decider = office.chief if item.state == State.PENDING_SIGNOFF else office.editor
    return {
        "submit": lambda: workflow.submit(office.officer_a, item),
        "withdraw": lambda: workflow.withdraw(office.officer_a, item),
        "take": lambda: workflow.take(office.editor, item),
        "release": lambda: workflow.release(office.editor, item),
        "return": lambda: workflow.return_item(decider, item, reason="理由"),
        "reject": lambda: workflow.reject(decider, item, reason="理由"),
        "adopt": lambda: workflow.adopt(office.editor, item),
        "sign_off": lambda: workflow.sign_off(office.chief, item),
    }[step]()


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("step", STEPS)
def test_every_step_from_every_state(office, state, step):
    item = _to_state(office, state)
    assert item.state == state
    if (state, step) in LEGAL:
        assert _do(office, step, item).state == LEGAL[(state, step)]
        item.refresh_from_db()
        assert item.state == LEGAL[(state, step)]
    else:
        with pytest.raises(WorkflowError) as refused:
            _do(office, step, item)
        assert str(refused.value)  # says what is wrong
        item.refresh_from_db()
        assert item.state == state  # nothing changed


def test_refusal_names_the_state_and_what_is_needed(office):
    item = _to_state(office, State.REJECTED)
    with pytest.raises(WorkflowError) as refused:
        workflow.submit(office.officer_a, item)
    message = str(refused.value)
    assert str(State.REJECTED.label) in message
    assert str(State.DRAFT.label) in message and str(State.RETURNED.label) in message


def test_only_the_unit_writes_and_submits_its_items(office):
    with pytest.raises(WorkflowError, match="甲县委宣传部"):
        new_item(office, author=office.officer_b)
    item = new_item(office)
    for outsider in (office.officer_b, office.officer_a1, office.editor, office.leader):
        with pytest.raises(WorkflowError):
            workflow.submit(outsider, item)
    workflow.submit(office.head_a, item)  # the unit head of the county may


def test_unit_head_writes_for_sub_units(office):
    item = new_item(office, unit=office.township_a1, author=office.head_a)
    assert item.unit == office.township_a1
    with pytest.raises(WorkflowError):
        new_item(office, unit=office.county_a, author=office.officer_a1)  # a township officer not for the county


def test_only_reviewers_review(office):
    item = new_item(office)
    workflow.submit(office.officer_a, item)
    for user in (office.officer_a, office.head_a, office.leader):
        with pytest.raises(WorkflowError, match="editors|编辑"):
            workflow.take(user, item)


def test_the_holder_decides_and_a_second_editor_is_told_who_holds_it(office):
    item = in_review(office)
    with pytest.raises(WorkflowError, match="editor|编辑|处理"):
        workflow.take(office.editor2, item)
    with pytest.raises(WorkflowError, match="editor|编辑|处理"):
        workflow.adopt(office.editor2, item)
    later = timezone.now() + timedelta(minutes=ReportingPolicy.current().hold_minutes + 1)
    assert workflow.take(office.editor2, item, now=later).holder == office.editor2  # a lapsed hold can be taken
    assert workflow.take(office.chief, item).holder == office.chief  # the chief editor may take over at once


def test_return_needs_a_reason_and_keeps_it(office):
    item = in_review(office)
    with pytest.raises(InputError):
        workflow.return_item(office.editor, item, reason="  ")
    workflow.return_item(office.editor, item, reason="请补充事件地点")
    assert item.notes.filter(kind=State.RETURNED).get().text == "请补充事件地点"
    assert item.holder is None


def test_revise_after_return_keeps_every_version(office):
    item = in_review(office)
    workflow.return_item(office.editor, item, reason="补充")
    editing.edit_submission(office.officer_a, item, body="正文第一段。补充了地点。")
    editing.edit_submission(office.officer_a, item, body="正文第一段。补充了地点。")  # unchanged: no new version
    workflow.submit(office.officer_a, item)
    assert list(item.versions.values_list("number", flat=True)) == [1, 2]
    assert item.version == 2 and "补充了地点" in item.versions.get(number=2).body
    assert item.first_submitted_at < item.submitted_at


def test_edit_only_in_draft_or_returned(office):
    item = in_review(office)
    with pytest.raises(WorkflowError):
        editing.edit_submission(office.officer_a, item, title="改标题")


def test_two_level_sign_off(office):
    ReportingPolicy.objects.create(two_level_signoff=True)
    item = in_review(office)
    workflow.adopt(office.editor, item, level="city")
    assert item.state == State.PENDING_SIGNOFF and not Adoption.objects.exists()
    with pytest.raises(WorkflowError, match="chief|总编辑"):
        workflow.sign_off(office.editor, item)
    workflow.sign_off(office.chief, item)
    adoption = Adoption.objects.get()
    assert (adoption.level, adoption.adopted_by, adoption.signed_off_by) == ("city", office.editor, office.chief)


def test_adoption_levels_in_review(office):
    item = in_review(office)
    with pytest.raises(InputError, match="provincial|省级"):
        workflow.adopt(office.editor, item, level="provincial")


def test_every_step_is_audited(office):
    item = in_review(office)
    workflow.adopt(office.editor, item)
    actions = list(AuditEntry.objects.filter(target_type="submissions.submission", target_id=str(item.pk)).order_by("at", "id").values_list("action", flat=True))
    assert actions == ["submission.create", "submission.submit", "submission.take", "submission.adopt"]
