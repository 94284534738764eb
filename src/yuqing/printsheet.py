"""A table on a worksheet that prints as an office's 通报 without editing (openpyxl).

A title row over the table; a heading of one row, or two where columns are grouped (1月 over 报送 and
采用); numbers stored as numbers with a number format (a rate is 0.0%, not the text "100.0%"); A4,
landscape when the table is wide, scaled to the page's width, the heading repeated on every page,
the print area set, page numbers in the footer.

    columns = [Column("名次"), Column("名称", kind="text"), Column("报送", group="1月"), Column("采用", group="1月"),
               Column("采用率", kind="rate")]
    write_table(book.active, "2026年度信息工作考核表", columns, rows)
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from yuqing.sheet_rows import append_row

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# kind → the cell's number format
FORMATS = {"count": "0", "rate": "0.0%", "points": "0.0", "text": "General"}
HEAD_CHARS = 8  # a longer heading wraps onto a second line instead of widening its column
PORTRAIT_WIDTH = 95  # column-width units that fit across an A4 portrait page at full size
FOOTER = "第 &P 页，共 &N 页"


@dataclass(frozen=True)
class Column:
    head: str
    kind: str = "count"  # count | rate | points | text
    group: str = ""  # a heading over consecutive columns of the same group


def write_table(sheet: Worksheet, title: str, columns: list[Column], rows: list[list]) -> None:
    """Write title, heading and rows (values in column order) onto an empty sheet, set up to print."""
    two_rows = any(c.group for c in columns)
    first_data = 4 if two_rows else 3
    append_row(sheet, [title])
    _heading(sheet, columns, two_rows)
    for values in rows:
        append_row(sheet, [_value(v, c) for v, c in zip(values, columns)])
    _cells(sheet, columns, first_data)
    _title(sheet, len(columns))
    widths = _widths(sheet, columns, rows)
    _print_setup(sheet, len(columns), first_data, landscape=sum(widths) > PORTRAIT_WIDTH)


def _value(value, column: Column):
    return float(value) if column.kind in ("rate", "points") else value


def _heading(sheet: Worksheet, columns: list[Column], two_rows: bool) -> None:
    sheet.append([c.group or c.head for c in columns])
    if not two_rows:
        sheet.row_dimensions[2].height = 32  # two lines of a wrapped heading
        return
    sheet.append([c.head if c.group else None for c in columns])
    sheet.row_dimensions[2].height = sheet.row_dimensions[3].height = 18
    position = 1
    for group, members in groupby(columns, key=lambda c: c.group):
        count = len(list(members))
        if group:
            sheet.merge_cells(start_row=2, start_column=position, end_row=2, end_column=position + count - 1)
        else:
            for column in range(position, position + count):
                sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
        position += count


def _cells(sheet: Worksheet, columns: list[Column], first_data: int) -> None:
    for line in sheet.iter_rows(min_row=2, max_row=sheet.max_row, max_col=len(columns)):
        for cell, column in zip(line, columns):
            cell.border = BOX
            if cell.row < first_data:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            else:
                cell.number_format = FORMATS[column.kind]
                cell.alignment = Alignment(horizontal="left" if column.kind == "text" else "center", vertical="center")


def _title(sheet: Worksheet, width: int) -> None:
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet["A1"].font, sheet["A1"].alignment = Font(size=16, bold=True), Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 30


def _widths(sheet: Worksheet, columns: list[Column], rows: list[list]) -> list[float]:
    """Each column as wide as its longest value (a Chinese character counts two) or its heading's first line."""
    widths = []
    for number, column in enumerate(columns, start=1):
        values = [_shown(row[number - 1], column) for row in rows]
        widest = max([min(HEAD_CHARS, _display_len(column.head))] + [_display_len(v) for v in values])
        width = min(40.0, max(6.0, widest + 2.0))
        sheet.column_dimensions[get_column_letter(number)].width = width
        widths.append(width)
    return widths


def _shown(value, column: Column) -> str:
    if column.kind == "rate":
        return f"{float(value):.1%}"
    return f"{float(value):.1f}" if column.kind == "points" else str(value)


def _display_len(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _print_setup(sheet: Worksheet, width: int, first_data: int, *, landscape: bool) -> None:
    last = get_column_letter(width)
    sheet.freeze_panes = f"C{first_data}"
    sheet.print_area = f"A1:{last}{max(sheet.max_row, first_data - 1)}"
    sheet.print_title_rows = f"2:{first_data - 1}"  # the heading on every page
    setup = sheet.page_setup
    setup.paperSize, setup.orientation = sheet.PAPERSIZE_A4, "landscape" if landscape else "portrait"
    setup.fitToWidth, setup.fitToHeight = 1, 0  # one page wide, as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = FOOTER
