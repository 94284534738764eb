"""Information needs: publishing, answering, declining, per-unit status and lateness, reminders on
the deadline clock, the bonus points, and the assessment's count of needs answered."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tests.submissions.helpers import in_review, new_item
from tests.submissions.need_helpers import DUE, hours, publish
from yuqing.errors import InputError, WorkflowError
from yuqing.notifications.models import Notification
from yuqing.submissions import need_reminders, need_status, needs, workflow
from yuqing.submissions.access import visible_need_units, visible_needs, visible_submissions
from yuqing.submissions.assessment import annual_sheet
from yuqing.submissions.excel import assessment_workbook
from yuqing.submissions.models import NeedAttachment, PointsEntry, ReportingPolicy
from yuqing.submissions.periods import parse_period
from yuqing.submissions.rankings import person_rows, unit_rows
from yuqing.units.models import Unit

pytestmark = pytest.mark.django_db


def answer(office, need, *, unit=None, author=None, at=None, category="experience"):
    item = new_item(office, category=category, unit=unit, author=author, title="甲县网络文明进万家", need=need)
    workflow.submit(author or office.officer_a, item, now=at or hours(-30))
    return item


def by_unit(need, user, now):
    rows = visible_need_units(user, need)
    return {s.unit.code: s for s in need_status.statuses(need, rows, visible_submissions(user), now)}


def test_publishing_asks_the_units_and_tells_their_people(office):
    need = publish(office)
    assert sorted(need.asked.values_list("unit__code", flat=True)) == ["A", "B"]
    told = set(Notification.objects.filter(kind="need.published").values_list("user__username", flat=True))
    assert told == {"officer_a", "head_a", "officer_b"}
    with pytest.raises(WorkflowError):
        needs.publish_need(office.officer_a, title="x", wanted="y", due_at=DUE, units=Unit.objects.all())
    with pytest.raises(InputError):
        publish(office, units=[])


def test_the_units_asked_all_a_subtree_or_a_list(office):
    all_units = needs.units_asked(office.editor, "all")
    assert set(all_units.values_list("code", flat=True)) == {"A", "A1", "B"}  # not the office's own unit
    assert set(needs.units_asked(office.editor, "subtree", root=office.county_a).values_list("code", flat=True)) == {"A", "A1"}
    chosen = needs.units_asked(office.editor, "list", chosen=Unit.objects.filter(code__in=["B", "A1"]))
    assert set(chosen.values_list("code", flat=True)) == {"A1", "B"}
    with pytest.raises(InputError):
        needs.units_asked(office.editor, "subtree")


def test_an_answer_must_come_from_an_asked_unit_in_a_wanted_category_while_open(office):
    need = publish(office, units=[office.county_a])
    assert answer(office, need).need == need
    with pytest.raises(WorkflowError):
        new_item(office, category="experience", unit=office.county_b, author=office.officer_b, need=need)
    with pytest.raises(InputError):
        new_item(office, category="routine", need=need)
    needs.close_need(office.editor, need)
    with pytest.raises(WorkflowError):
        new_item(office, category="experience", need=need)


def test_status_per_unit_answered_declined_not_yet_with_lateness(office):
    need = publish(office, units=[office.county_a, office.county_b, office.township_a1])
    answer(office, need, at=hours(2.5))  # county A: 2 h 30 min late
    needs.decline(office.officer_b, need, unit=office.county_b, reason="本区近期无相关工作", now=hours(-1))
    status = by_unit(need, office.editor, hours(5))
    assert (status["A"].status, status["A"].late_minutes) == ("answered", 150)
    assert (status["B"].status, status["B"].row.declined_reason, status["B"].is_late) == ("declined", "本区近期无相关工作", False)
    assert (status["A1"].status, status["A1"].late_minutes) == ("pending", 300)
    assert need_status.counts(list(status.values())) == {"answered": 1, "declined": 1, "pending": 1}


def test_a_return_and_resubmission_does_not_move_the_answer_time(office):
    need = publish(office, units=[office.county_a])
    item = answer(office, need, at=hours(-2))
    workflow.take(office.editor, item)
    workflow.return_item(office.editor, item, reason="请补充数据")
    workflow.submit(office.officer_a, item, now=hours(3))
    assert by_unit(need, office.editor, hours(4))["A"].late_minutes == 0


def test_only_the_units_own_people_decline_and_they_say_why(office):
    need = publish(office)
    with pytest.raises(WorkflowError):
        needs.decline(office.officer_b, need, unit=office.county_a, reason="无")
    with pytest.raises(InputError):
        needs.decline(office.officer_a, need, unit=office.county_a, reason="  ")
    with pytest.raises(WorkflowError):  # asked only A and B
        needs.decline(office.officer_a1, need, unit=office.township_a1, reason="无")


def test_units_see_the_needs_that_asked_them_and_only_their_own_row(office):
    only_a = publish(office, units=[office.county_a], title="只问甲县")
    both = publish(office, title="两县都问")
    assert set(visible_needs(office.officer_b)) == {both}
    assert set(visible_needs(office.head_a)) == {only_a, both}
    assert set(visible_needs(office.leader)) == {only_a, both}
    assert list(by_unit(both, office.officer_b, hours(0))) == ["B"]
    assert list(by_unit(both, office.editor, hours(0))) == ["A", "B"]


def test_reminders_before_the_due_time_and_when_overdue_each_once(office):
    need = publish(office, units=[office.county_a, office.county_b, office.township_a1])
    answer(office, need, at=hours(-30))
    needs.decline(office.officer_b, need, unit=office.county_b, reason="无相关工作", now=hours(-30))
    assert need_reminders.run_checks(hours(-25)) == []  # the reminder goes out 24 hours before
    soon = need_reminders.run_checks(hours(-23))
    assert [(r.row.unit.code, r.kind) for r in soon] == [("A1", "due_soon")]
    assert {u.username for u in soon[0].recipients} == {"officer_a1"}
    assert need_reminders.run_checks(hours(-1)) == []
    late = need_reminders.run_checks(hours(0.1))
    assert [(r.row.unit.code, r.kind) for r in late] == [("A1", "overdue")]
    assert {u.username for u in late[0].recipients} == {"officer_a1", "editor"}
    assert need_reminders.run_checks(hours(5)) == []
    inbox = Notification.objects.filter(user__username="officer_a1").values_list("kind", flat=True)
    assert sorted(inbox) == ["need.due_soon", "need.overdue", "need.published"]


def test_a_closed_need_sends_no_reminders_and_the_policy_sets_the_lead_time(office):
    ReportingPolicy.objects.create(need_remind_before_hours=2)
    need = publish(office, units=[office.county_a])
    assert need_reminders.run_checks(hours(-3)) == []
    assert len(need_reminders.run_checks(hours(-1.5))) == 1
    needs.close_need(office.editor, need)
    assert need_reminders.run_checks(hours(1)) == []


def adopt(office, item):
    if item.state == "submitted":
        workflow.take(office.editor, item)
    return workflow.adopt(office.editor, item)


def test_an_adopted_answer_earns_the_bonus_once_per_need_and_unit(office):
    ReportingPolicy.objects.create(need_bonus=Decimal("2"))
    need = publish(office)
    adopt(office, answer(office, need))
    adopt(office, answer(office, need))
    bonus = PointsEntry.objects.filter(kind=PointsEntry.Kind.NEED)
    assert [(e.unit, e.person, e.points) for e in bonus] == [(office.county_a, office.officer_a, Decimal("2"))]
    adopt(office, in_review(office, category="experience", title="与需求无关"))
    assert bonus.count() == 1


def test_no_bonus_when_the_rules_give_none(office):
    ReportingPolicy.objects.create(need_bonus=Decimal("0"))
    adopt(office, answer(office, publish(office)))
    assert not PointsEntry.objects.filter(kind=PointsEntry.Kind.NEED).exists()


def test_rankings_and_the_assessment_count_needs_asked_and_answered(office):
    first, second = publish(office, title="需求一"), publish(office, title="需求二", units=[office.county_a])
    answer(office, first)
    answer(office, second)
    answer(office, second)  # two items for one need count as one need answered
    needs.decline(office.officer_b, first, unit=office.county_b, reason="无", now=hours(-1))
    units = Unit.objects.all()
    rows = {r.name: r for r in unit_rows(parse_period("2026-11"), units)}
    assert (rows["甲县委宣传部"].needs_asked, rows["甲县委宣传部"].needs_answered) == (2, 2)
    assert (rows["乙区委宣传部"].needs_asked, rows["乙区委宣传部"].needs_answered) == (1, 0)
    people = {r.name: r for r in person_rows(parse_period("2026-11"), units)}
    assert people["officer_a"].needs_answered == 2
    assert unit_rows(parse_period("2026-10"), units)[0].needs_asked == 0
    book = load_workbook(io.BytesIO(assessment_workbook(2026, annual_sheet(2026, units), annual_sheet(2026, units, True))))
    sheet = book["单位考核"]
    column = [c.value for c in sheet[2]].index("信息需求")  # over 答复 and 征集
    values = {row[1]: row[column:column + 2] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert values["甲县委宣传部"] == (2, 2) and values["乙区委宣传部"] == (0, 1)


def test_a_need_carries_the_higher_levels_notice_and_refuses_a_disguised_file(office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    notice = SimpleUploadedFile("省委宣传部通知.pdf", b"%PDF-1.4 notice", content_type="application/pdf")
    need = publish(office, files=[notice])
    assert [a.original_name for a in need.attachments.all()] == ["省委宣传部通知.pdf"]
    fake = SimpleUploadedFile("通知.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(InputError):
        publish(office, title="带坏附件", files=[fake])
    assert not visible_needs(office.editor).filter(title="带坏附件").exists()  # all or nothing
    with pytest.raises(WorkflowError):
        needs.attach_file(office.officer_a, need, upload=notice)
    assert NeedAttachment.objects.count() == 1
