"""Rankings and the annual assessment as Excel workbooks that print as a 通报 (yuqing.printsheet):
counts, rates and points are numbers with number formats, a month's 报送/采用 two columns under the month."""

from __future__ import annotations

import io

from openpyxl import Workbook

from yuqing.printsheet import Column, write_table
from yuqing.submissions.assessment import SheetRow
from yuqing.submissions.rankings import Row

NAMES = [Column("名次"), Column("名称", "text"), Column("所属单位", "text")]
RANK_COLUMNS = NAMES + [Column("报送（条）"), Column("采用（条）"), Column("采用率", "rate"), Column("省级采用"),
                        Column("中央级采用"), Column("领导批示"), Column("迟报"), Column("漏报"), Column("积分", "points")]


def _rank_line(row: Row) -> list:
    return [row.rank, row.name, row.unit, row.submitted, row.adopted, row.rate, row.provincial, row.central,
            row.instructions, row.late, row.missed, row.points]


def ranking_workbook(label: str, units: list[Row], people: list[Row]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "单位排名"
    write_table(sheet, f"{label}信息报送情况通报（单位）", RANK_COLUMNS, [_rank_line(r) for r in units])
    write_table(book.create_sheet("个人排名"), f"{label}信息报送情况通报（个人）", RANK_COLUMNS,
                [_rank_line(r) for r in people])
    return _bytes(book)


def _summary_columns(by_unit: bool) -> list[Column]:
    needs = [Column("答复", group="信息需求")] + ([Column("征集", group="信息需求")] if by_unit else [])
    return (NAMES + [Column("全年报送"), Column("全年采用"), Column("采用率", "rate"), Column("省级采用"), Column("中央级采用"),
                     Column("领导批示"), Column("迟报"), Column("漏报")] + needs
            + [Column("完成", group="任务（月）"), Column("考核", group="任务（月）"),
               Column("参加", group="培训（次）"), Column("应参加", group="培训（次）"), Column("积分", "points")])


def _summary_line(row: SheetRow, by_unit: bool) -> list:
    t = row.total
    needs = [t.needs_answered] + ([t.needs_asked] if by_unit else [])
    return ([t.rank, t.name, t.unit, t.submitted, t.adopted, t.rate, t.provincial, t.central, t.instructions, t.late,
             t.missed] + needs + [row.quota_met, row.quota_months, row.trainings_present, row.trainings_invited, t.points])


MONTHLY_COLUMNS = NAMES + [Column(head, group=f"{month}月") for month in range(1, 13) for head in ("报送", "采用")] + [
    Column("报送", group="全年"), Column("采用", group="全年")]


def _monthly_line(row: SheetRow) -> list:
    t = row.total
    months = [n for pair in zip(row.monthly_submitted, row.monthly_adopted) for n in pair]
    return [t.rank, t.name, t.unit] + months + [t.submitted, t.adopted]


def assessment_workbook(year: int, units: list[SheetRow], people: list[SheetRow]) -> bytes:
    """Per level (单位, 个人): the year's assessment, and the month-by-month counts on a sheet of their own
    (one sheet with both is too wide to print on A4)."""
    book = Workbook()
    book.remove(book.active)
    for level, rows, by_unit in (("单位", units, True), ("个人", people, False)):
        write_table(book.create_sheet(f"{level}考核"), f"{year}年度信息工作考核表（{level}）", _summary_columns(by_unit),
                    [_summary_line(r, by_unit) for r in rows])
        write_table(book.create_sheet(f"{level}逐月"), f"{year}年度逐月报送采用情况（{level}）", MONTHLY_COLUMNS,
                    [_monthly_line(r) for r in rows])
    return _bytes(book)


def _bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
