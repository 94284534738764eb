"""The organisation: the unit tree, visibility by role, the officer roster and its history, import, trainings."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from yuqing.accounts.models import AuditEntry
from yuqing.errors import InputError, WorkflowError
from yuqing.units import actions
from yuqing.units.access import member_units, visible_units
from yuqing.units.importing import import_units
from yuqing.units.models import Attendance, Membership, Unit

pytestmark = pytest.mark.django_db


def test_paths_follow_the_tree_and_a_move_carries_the_subtree(office):
    assert office.township_a1.path == f"/{office.city.pk}/{office.county_a.pk}/{office.township_a1.pk}/"
    actions.update_unit(None, office.county_a, parent=office.county_b)
    office.township_a1.refresh_from_db()
    assert office.township_a1.path.startswith(f"/{office.city.pk}/{office.county_b.pk}/{office.county_a.pk}/")
    assert set(office.county_b.subtree()) == {office.county_b, office.county_a, office.township_a1}


def test_a_unit_cannot_go_under_its_own_subtree(office):
    with pytest.raises(InputError, match="under itself|自身"):
        actions.update_unit(None, office.county_a, parent=office.township_a1)
    with pytest.raises(InputError, match="already exists|已存在"):
        actions.create_unit(None, code="A", name="重复", kind="county")
    with pytest.raises(InputError, match="kind|类型"):
        actions.create_unit(None, code="X", name="未知", kind="planet")


def test_visible_units_by_role(office):
    assert set(visible_units(office.officer_a)) == {office.county_a}
    assert set(visible_units(office.head_a)) == {office.county_a, office.township_a1}
    assert set(visible_units(office.officer_b)) == {office.county_b}
    for user in (office.editor, office.chief, office.leader, office.admin):
        assert visible_units(user).count() == 4
    assert not member_units(office.leader).exists()  # a leader reads, but writes for no unit


def test_officer_file_keeps_every_change_and_links_the_login(office):
    officer = actions.create_officer(office.editor, name="张三", unit=office.county_a, post="信息员", user=office.officer_b,
                                     appointed_on=date(2025, 3, 1), full_time=True)
    assert Membership.objects.get(user=office.officer_b).unit == office.county_a  # the roster moves the login
    actions.update_officer(office.editor, officer, post="专职信息员", status="suspended")
    actions.update_officer(office.editor, officer, post="专职信息员")  # no change, no history row
    changes = list(officer.changes.order_by("at", "id").values_list("changes", flat=True))
    assert changes == [{"created": [None, "张三"]}, {"post": ["信息员", "专职信息员"], "status": ["active", "suspended"]}]
    with pytest.raises(InputError):
        actions.update_officer(office.editor, officer, status="retired")
    assert AuditEntry.objects.filter(action="officer.update").count() == 2


def _xlsx(rows: list[list]) -> io.BytesIO:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data


def test_import_from_a_spreadsheet_in_any_order_and_reports_bad_rows(db):
    sheet = _xlsx([["代码", "名称", "类型", "上级代码", "负责人"],
                   ["T1", "某镇", "乡镇", "X1", "王镇长"],  # child before its parent
                   ["X1", "某县", "县区", "C0", ""],
                   ["C0", "某市委宣传部", "市", "", "李部长"],
                   ["Z9", "孤儿镇", "乡镇", "NOPE", ""],
                   ["", "无代码", "县区", "", ""],
                   ["D1", "某局", "月球", "C0", ""]])
    report = import_units(None, name="units.xlsx", stream=sheet)
    assert (report.created, report.updated) == (3, 0)
    assert [row for row, _ in report.errors] == [5, 6, 7]
    assert "NOPE" in dict(report.errors)[5]
    town = Unit.objects.get(code="T1")
    assert town.parent.code == "X1" and town.path.count("/") == 4 and town.head == "王镇长"
    again = import_units(None, name="units.csv", stream=io.BytesIO("代码,名称,类型,上级代码\nT1,某镇（改名）,乡镇,C0\n".encode("gb18030")))
    assert (again.created, again.updated, again.errors) == (0, 1, [])
    assert Unit.objects.get(code="T1").parent.code == "C0"


def test_import_refuses_a_file_without_headers(db):
    with pytest.raises(InputError, match="first row|第一行"):
        import_units(None, name="x.csv", stream=io.BytesIO(b"a,b\n1,2\n"))
    with pytest.raises(InputError, match="xlsx"):
        import_units(None, name="x.xlsx", stream=io.BytesIO(b"not a zip"))


def test_training_attendance(office):
    one = actions.create_officer(office.editor, name="甲", unit=office.county_a)
    two = actions.create_officer(office.editor, name="乙", unit=office.county_b)
    training = actions.create_training(office.editor, held_on=date(2026, 3, 5), topic="信息写作培训", invited=[one, two])
    actions.record_attendance(office.editor, training, officer=one, status="present")
    assert dict(training.attendance.values_list("officer__name", "status")) == {"甲": "present", "乙": "invited"}
    with pytest.raises(WorkflowError):
        actions.record_attendance(office.editor, training, officer=two, status="sleeping")
    assert Attendance.objects.filter(officer=one, status="present").count() == 1
