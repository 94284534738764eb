"""Composing, numbering, signing off and correcting issues; a published issue never changes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.bulletins.helpers import adopted_item, periodical, published_issue
from tests.submissions.helpers import new_item
from yuqing.bulletins import actions
from yuqing.bulletins.models import Issue
from yuqing.errors import InputError, WorkflowError

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_numbered_per_periodical_and_year_when_signed_off(office):
    first = published_issue(office)
    assert (first.number, first.state, first.signed_off_by, first.label) == (1, "published", office.chief, "2026年第1期")
    draft = actions.create_issue(office.editor, periodical=first.periodical, year=2026)
    assert draft.number is None and draft.distribution.startswith("报：")
    actions.add_entry(office.editor, draft, submission=adopted_item(office, "第三条"))
    assert actions.sign_off(office.chief, draft).number == 2
    other_year = actions.create_issue(office.editor, periodical=first.periodical, year=2027)
    actions.add_entry(office.editor, other_year, submission=adopted_item(office, "新年第一条"))
    assert actions.sign_off(office.chief, other_year).number == 1


def test_only_adopted_items_once_each(office):
    issue = actions.create_issue(office.editor, periodical=periodical())
    with pytest.raises(WorkflowError, match="adopted|采用"):
        actions.add_entry(office.editor, issue, submission=new_item(office))
    item = adopted_item(office, "一条")
    actions.add_entry(office.editor, issue, submission=item)
    with pytest.raises(WorkflowError):
        actions.add_entry(office.editor, issue, submission=item)


def test_who_composes_and_who_signs(office):
    issue = actions.create_issue(office.editor, periodical=periodical())
    actions.add_entry(office.editor, issue, submission=adopted_item(office, "一条"))
    for user in (office.officer_a, office.leader):
        with pytest.raises(WorkflowError):
            actions.create_issue(user, periodical=issue.periodical)
    with pytest.raises(WorkflowError, match="chief|总编辑"):
        actions.sign_off(office.editor, issue)
    with pytest.raises(WorkflowError, match="at least one|至少"):
        actions.sign_off(office.chief, actions.create_issue(office.editor, periodical=issue.periodical))


def test_entries_are_edited_for_print_and_reordered(office):
    issue = actions.create_issue(office.editor, periodical=periodical())
    one = actions.add_entry(office.editor, issue, submission=adopted_item(office, "一"))
    two = actions.add_entry(office.editor, issue, submission=adopted_item(office, "二"))
    actions.move_entry(office.editor, two, up=True)
    assert [e.title for e in issue.entries.all()] == ["二", "一"]
    actions.edit_entry(office.editor, one, title="一（编辑后）", body="<p>压缩后的正文</p><script>x</script>", source_label="甲县")
    one.refresh_from_db()
    assert one.body == "<p>压缩后的正文</p>" and one.submission.title == "一"  # the item itself is unchanged
    with pytest.raises(InputError):
        actions.edit_entry(office.editor, one, title="", body="x")


def test_a_published_issue_is_immutable_and_corrected_by_a_new_issue(office, clock):
    clock.move_to(datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI))  # the correction is numbered in the issue's year
    issue = published_issue(office)
    entry = issue.entries.first()
    refusals = [
        lambda: actions.update_issue(office.editor, issue, editor_note="改"),
        lambda: actions.add_entry(office.editor, issue, submission=adopted_item(office, "迟到的一条")),
        lambda: actions.edit_entry(office.editor, entry, title="改", body="改"),
        lambda: actions.remove_entry(office.editor, entry),
        lambda: actions.move_entry(office.editor, entry, up=False),
        lambda: actions.sign_off(office.chief, issue),
    ]
    for refuse in refusals:
        with pytest.raises(WorkflowError, match="correction|更正"):
            refuse()
    correction = actions.correct(office.editor, issue)
    assert correction.corrects == issue and correction.state == "draft" and correction.entries.count() == 2
    actions.edit_entry(office.editor, correction.entries.first(), title="更正后的标题", body="更正后的正文")
    actions.sign_off(office.chief, correction)
    assert correction.number == 2 and issue.entries.first().title == "甲县推进网络文明建设"
    with pytest.raises(WorkflowError):
        actions.correct(office.editor, actions.create_issue(office.editor, periodical=issue.periodical))
    assert Issue.objects.get(pk=issue.pk).editor_note == "本期刊发两条经验做法。"


def test_a_correction_signed_in_the_next_year_opens_that_years_numbering(office, clock):
    clock.move_to(datetime(2026, 12, 30, 10, 0, tzinfo=SHANGHAI))
    issue = published_issue(office)
    clock.move_to(datetime(2027, 1, 4, 9, 0, tzinfo=SHANGHAI))
    correction = actions.sign_off(office.chief, actions.correct(office.editor, issue))
    assert (correction.year, correction.number, correction.corrects) == (2027, 1, issue)
