"""Spreadsheets (.xlsx) as rows of dicts: the header found even under merged title cells.

Vendor exports from 舆情 platforms often start with a title row, or group columns under a merged
cell ("基本信息" over 标题/正文/链接) while a column such as 发布时间 is merged down over both
header rows. Read-only openpyxl does not report merged ranges, so the header is found from the
cells themselves: among the first ten rows, the last of the first run of rows that name known
columns (or, with none known, the first row as wide as the widest), and a column empty there takes
the nearest name above it (the top-left cell of a vertical merge). Date cells arrive as datetime; dates typed as text stay
text and are read by yuqing.text.dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from yuqing.collect.headers import is_known_header

HEADER_SCAN_ROWS = 10
Row = tuple[int, dict[str, Any]]  # (1-based row number in the sheet, {column name: value})


def sheet_names(path: Path) -> list[str]:
    workbook = _open(path)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def header(path: Path, sheet: str | None = None) -> list[str]:
    """The column names of a sheet, as read_sheet names them."""
    workbook = _open(path)
    try:
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        head = [list(row) for _, row in zip(range(HEADER_SCAN_ROWS), worksheet.iter_rows(values_only=True))]
        return find_header(head)[1] if head else []
    finally:
        workbook.close()


def data_rows(path: Path, sheet: str | None = None) -> int:
    """About how many rows follow the header (the sheet's extent; empty rows included)."""
    workbook = _open(path)
    try:
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        head = [list(row) for _, row in zip(range(HEADER_SCAN_ROWS), worksheet.iter_rows(values_only=True))]
        return max(0, (worksheet.max_row or 0) - find_header(head)[0] - 1) if head else 0
    finally:
        workbook.close()


def read_sheet(path: Path, sheet: str | None = None) -> Iterator[Row]:
    """Rows after the header of `sheet` (the first sheet by default); empty rows are skipped."""
    workbook = _open(path)
    try:
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        rows = worksheet.iter_rows(values_only=True)
        head = [list(row) for _, row in zip(range(HEADER_SCAN_ROWS), rows)]
        if not head:
            return
        header_at, names = find_header(head)
        for number, values in enumerate(head[header_at + 1 :], header_at + 2):
            if _filled(values):
                yield number, _record(names, values)
        for number, values in enumerate(rows, len(head) + 1):
            if _filled(values):
                yield number, _record(names, list(values))
    finally:
        workbook.close()


def find_header(rows: list[list[Any]]) -> tuple[int, list[str]]:
    """(index of the header row, column names) from the first rows of a sheet."""
    known = [sum(1 for cell in row if isinstance(cell, str) and is_known_header(cell)) for row in rows]
    widths = [sum(1 for cell in row if _text(cell)) for row in rows]
    if max(known) > 0:  # the last of the first run of rows naming known columns (a two-row header)
        at = known.index(next(k for k in known if k))
        while at + 1 < len(rows) and known[at + 1]:
            at += 1
    else:
        at = widths.index(max(widths))
    width = max(len(row) for row in rows[: at + 1])
    names = [_column_name(rows, at, column) for column in range(width)]
    return at, _unique(names)


def _column_name(rows: list[list[Any]], at: int, column: int) -> str:
    for index in range(at, -1, -1):  # the header cell, else the nearest one above (a vertical merge)
        row = rows[index]
        if column < len(row) and _text(row[column]):
            return _text(row[column])
    return f"column{column + 1}"


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        result.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return result


def _record(names: list[str], values: list[Any]) -> dict[str, Any]:
    return {name: _cell(value) for name, value in zip(names, values) if value is not None and value != ""}


def _cell(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _text(cell: Any) -> str:
    return str(cell).strip() if cell is not None else ""


def _filled(values) -> bool:
    return any(value is not None and str(value).strip() for value in values)


def _open(path: Path):
    import openpyxl

    return openpyxl.load_workbook(path, read_only=True, data_only=True)
