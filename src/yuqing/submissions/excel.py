"""Rankings and the annual assessment as Excel workbooks (openpyxl), laid out for printing."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from yuqing.submissions.assessment import SheetRow
from yuqing.submissions.rankings import Row

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
RANK_HEAD = ["名次", "名称", "所属单位", "报送（条）", "采用（条）", "采用率", "省级采用", "中央级采用", "领导批示",
             "迟报", "漏报", "积分"]


def _table(sheet: Worksheet, title: str, head: list[str], rows: list[list]) -> None:
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(head))
    sheet["A1"].font, sheet["A1"].alignment = Font(size=16, bold=True), Alignment(horizontal="center")
    sheet.append(head)
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows(min_row=2, max_row=sheet.max_row):
        for cell in line:
            cell.border = BOX
            cell.alignment = Alignment(horizontal="center" if cell.row == 2 else None, vertical="center")
            if cell.row == 2:
                cell.font = Font(bold=True)
    for column, label in enumerate(head, start=1):
        widest = max([len(str(label))] + [len(str(r[column - 1])) for r in rows])
        sheet.column_dimensions[get_column_letter(column)].width = min(40, 4 + 2 * widest)
    sheet.freeze_panes = "A3"
    sheet.page_setup.orientation = "landscape"


def _rank_line(row: Row) -> list:
    return [row.rank, row.name, row.unit, row.submitted, row.adopted, f"{row.rate:.1%}", row.provincial, row.central,
            row.instructions, row.late, row.missed, float(row.points)]


def ranking_workbook(label: str, units: list[Row], people: list[Row]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "单位排名"
    _table(sheet, f"{label}信息报送情况通报（单位）", RANK_HEAD, [_rank_line(r) for r in units])
    _table(book.create_sheet("个人排名"), f"{label}信息报送情况通报（个人）", RANK_HEAD, [_rank_line(r) for r in people])
    return _bytes(book)


def _sheet_line(row: SheetRow, by_unit: bool) -> list:
    t = row.total
    needs = f"{t.needs_answered}/{t.needs_asked}" if by_unit else t.needs_answered
    return ([t.rank, t.name, t.unit] + [f"{s}/{a}" for s, a in zip(row.monthly_submitted, row.monthly_adopted)]
            + [t.submitted, t.adopted, f"{t.rate:.1%}", t.provincial, t.central, t.instructions, t.late, t.missed, needs,
               f"{row.quota_met}/{row.quota_months}", f"{row.trainings_present}/{row.trainings_invited}", float(t.points)])


def _sheet_head(needs: str) -> list[str]:
    return (["名次", "名称", "所属单位"] + [f"{m}月 报送/采用" for m in range(1, 13)]
            + ["全年报送", "全年采用", "采用率", "省级采用", "中央级采用", "领导批示", "迟报", "漏报", needs,
               "完成任务月数", "参加培训", "积分"])


def assessment_workbook(year: int, units: list[SheetRow], people: list[SheetRow]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "单位考核"
    _table(sheet, f"{year}年度信息工作考核表（单位）", _sheet_head("信息需求 答复/征集"), [_sheet_line(r, True) for r in units])
    _table(book.create_sheet("个人考核"), f"{year}年度信息工作考核表（个人）", _sheet_head("信息需求 答复"),
           [_sheet_line(r, False) for r in people])
    return _bytes(book)


def _bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
