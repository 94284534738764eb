"""Rows written to an Excel sheet as data, never as formulas.

openpyxl stores any string that begins with "=" as a live formula, so an officer or unit named
`=HYPERLINK("http://…","点此")` would become a link (or worse) in every ranking an office opens.
Excel itself reads text typed with a leading "+", "-" or "@" as a formula too. Every workbook the
product writes appends its rows here: such text is stored as a string cell with Excel's quote
prefix (the invisible apostrophe), so it shows exactly as written and stays text when edited.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@")


def append_row(sheet: Worksheet, values: Iterable) -> None:
    """sheet.append(values), with text that Excel would read as a formula kept as text."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.lstrip().startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True
