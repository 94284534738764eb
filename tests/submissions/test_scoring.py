"""Adoption levels and evidence, points rules, the ledger, quotas, rankings, the annual sheet, Excel."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from tests.submissions.helpers import new_item
from yuqing.errors import InputError, WorkflowError
from yuqing.submissions import adoption, instructions, workflow
from yuqing.submissions.assessment import annual_sheet
from yuqing.submissions.models import PointsEntry, PointsRule, ReportingPolicy
from yuqing.submissions.periods import parse_period
from yuqing.submissions.quotas import month_progress, set_quota
from yuqing.submissions.rankings import person_rows, ranked, unit_rows
from yuqing.units.models import Unit

pytestmark = pytest.mark.django_db
NOV = datetime(2026, 11, 5, 2, tzinfo=timezone.utc)


def adopted(office, *, unit=None, author=None, category="routine", when=NOV):
    item = new_item(office, unit=unit, author=author, category=category, **({"event_at": when} if category == "sudden" else {}))
    workflow.submit(author or office.officer_a, item, now=when)
    workflow.take(office.editor, item, now=when)
    return workflow.adopt(office.editor, item, now=when + timedelta(hours=1))


def test_points_follow_the_rules_per_level_and_category(office):
    item = adopted(office, category="experience")
    assert PointsEntry.objects.get(submission=item).points == Decimal("3")  # default: city, experience
    PointsRule.objects.create(level="provincial", category="experience", points=Decimal("7.5"))
    adoption.record_adoption(office.editor, item, level="provincial", evidence="省委办公厅《每日要情》第88期")
    assert PointsEntry.objects.filter(submission=item).order_by("at").last().points == Decimal("7.5")
    assert sum(e.points for e in item.points.all()) == Decimal("10.5")


def test_higher_adoption_needs_evidence_and_happens_once_per_level(office):
    item = adopted(office)
    with pytest.raises(InputError, match="evidence|凭证"):
        adoption.record_adoption(office.editor, item, level="central")
    with pytest.raises(InputError, match="http"):
        adoption.record_adoption(office.editor, item, level="central", link="javascript:alert(1)")
    adoption.record_adoption(office.editor, item, level="central", link="https://example.invalid/issue/12")
    with pytest.raises(WorkflowError, match="already|已登记|已完成"):
        adoption.record_adoption(office.editor, item, level="central", evidence="again")
    with pytest.raises(WorkflowError):
        adoption.record_adoption(office.officer_a, item, level="provincial", evidence="x")
    adoption.record_adoption(office.head_a, item, level="unit")  # the unit head records the unit's own level
    with pytest.raises(WorkflowError):
        adoption.record_adoption(office.editor, new_item(office), level="provincial", evidence="x")  # not adopted


def test_instruction_bonus_once_per_item(office):
    item = adopted(office)
    ReportingPolicy.objects.create(instruction_bonus=Decimal("5"))
    with pytest.raises(WorkflowError, match="leaders|领导"):
        instructions.give_instruction(office.editor, item, text="阅")
    first = instructions.give_instruction(office.leader, item, text="请甲县认真总结推广。")
    instructions.give_instruction(office.leader, item, text="再阅。")
    bonus = PointsEntry.objects.filter(kind="instruction")
    assert bonus.count() == 1 and bonus.get().points == Decimal("5")
    task = instructions.create_task(office.leader, first, unit=office.county_a, description="形成经验材料")
    with pytest.raises(WorkflowError):
        instructions.complete_task(office.officer_b, task, result="x")
    instructions.complete_task(office.officer_a, task, result="已报送经验材料")
    with pytest.raises(WorkflowError, match="already|已登记|已完成"):
        instructions.complete_task(office.officer_a, task, result="again")


def test_rankings_for_a_period(office):
    for _ in range(3):
        adopted(office)
    adopted(office, unit=office.county_b, author=office.officer_b, category="macro")
    for _ in range(3):  # county B also sends three that stay in review
        item = new_item(office, unit=office.county_b, author=office.officer_b)
        workflow.submit(office.officer_b, item, now=NOV)
    outside = new_item(office)  # October: not in November's ranking
    workflow.submit(office.officer_a, outside, now=NOV - timedelta(days=20))
    november = parse_period("2026-11")
    rows = {r.name: r for r in unit_rows(november, Unit.objects.all())}
    a, b = rows["甲县委宣传部"], rows["乙区委宣传部"]
    assert (a.submitted, a.adopted, a.points) == (3, 3, Decimal("6"))
    assert (b.submitted, b.adopted, b.points, round(b.rate, 2)) == (4, 1, Decimal("3"), 0.25)
    assert [r.name for r in ranked(list(rows.values()), "volume")][:2] == ["乙区委宣传部", "甲县委宣传部"]
    assert [r.name for r in ranked(list(rows.values()), "rate")][0] == "甲县委宣传部"
    by_rate = ranked(list(rows.values()), "rate")
    assert [r.rank for r in by_rate] == [1, 2, 3, 3]  # the two units with nothing share a rank
    people = {r.name: r for r in person_rows(november, Unit.objects.all())}
    assert people["officer_a"].submitted == 3 and people["officer_b"].adopted == 1
    assert rows["示例市委宣传部"].submitted == 0
    only_a = unit_rows(november, Unit.objects.filter(pk=office.county_a.pk))
    assert [r.name for r in only_a] == ["甲县委宣传部"]


def test_periods():
    assert parse_period("2026-11").label == "2026年11月"
    q4 = parse_period("2026-Q4")
    assert (q4.first.month, q4.last.month, q4.last.day) == (10, 12, 31)
    assert parse_period("2026").last.isoformat() == "2026-12-31"
    days = parse_period("2026-11-01..2026-11-15")
    assert days.contains(datetime(2026, 11, 15, 15, 59, tzinfo=timezone.utc))  # 23:59 in Shanghai
    assert not days.contains(datetime(2026, 11, 15, 16, 0, tzinfo=timezone.utc))
    for bad in ("2026-13", "Nov 2026", "2026-11-20..2026-11-01", ""):
        with pytest.raises(InputError, match="2026-Q4"):
            parse_period(bad)


def test_quotas_and_progress(office):
    set_quota(office.editor, year=2026, month=11, unit=office.county_a, submit_target=4, adopt_target=2)
    set_quota(office.editor, year=2026, month=11, unit=office.county_a, person=office.officer_a, submit_target=2, adopt_target=1)
    with pytest.raises(WorkflowError):
        set_quota(office.officer_a, year=2026, month=11, unit=office.county_a, submit_target=1, adopt_target=0)
    adopted(office)
    adopted(office)
    rows = {(r.unit.pk, r.person_id): r for r in month_progress(2026, 11, Unit.objects.all())}
    unit_row, person_row = rows[(office.county_a.pk, None)], rows[(office.county_a.pk, office.officer_a.pk)]
    assert (unit_row.submitted, unit_row.submit_percent, unit_row.adopted, unit_row.adopt_percent) == (2, 50, 2, 100)
    assert person_row.met and not unit_row.met
    assert rows[(office.county_b.pk, None)].submit_target == 0


def test_annual_sheet(office):
    adopted(office)
    adopted(office, when=datetime(2026, 3, 3, 2, tzinfo=timezone.utc))
    sheet = {r.total.name: r for r in annual_sheet(2026, Unit.objects.all())}
    a = sheet["甲县委宣传部"]
    assert a.monthly_submitted[2] == 1 and a.monthly_submitted[10] == 1 and a.total.submitted == 2
