"""Units from a spreadsheet (.xlsx or .csv): code, name, kind, parent code, head, phone.

Headers may be Chinese or English. Rows may come in any order (a child before its parent);
an existing code is updated. Every row that cannot be used is reported with its reason.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import IO, Iterator

from django.utils.translation import gettext as _

from yuqing.actions import action
from yuqing.errors import InputError
from yuqing.units.actions import _set_path
from yuqing.units.models import Unit

HEADERS = {
    "code": {"code", "代码", "单位代码", "编码"},
    "name": {"name", "名称", "单位名称", "单位"},
    "kind": {"kind", "类型", "单位类型", "层级"},
    "parent": {"parent", "上级", "上级代码", "上级单位代码"},
    "head": {"head", "负责人"},
    "head_phone": {"phone", "head_phone", "电话", "联系电话", "负责人电话"},
}
KINDS = {
    "市": "city", "市级": "city", "县": "county", "区": "county", "县区": "county", "区县": "county", "县（区）": "county",
    "乡镇": "township", "街道": "township", "乡镇街道": "township", "乡镇（街道）": "township",
    "部门": "department", "市直": "department", "市直部门": "department", "市直单位": "department",
}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def read_rows(name: str, stream: IO[bytes], headers: dict[str, set[str]] = HEADERS,
              required: tuple[str, ...] = ("code", "name")) -> Iterator[tuple[int, dict[str, str]]]:
    """(spreadsheet row number, {our field: text}) for every non-empty row; `headers` names each
    field's column labels, and the columns of `required` must be there."""
    raw_rows = _xlsx_rows(stream) if name.lower().endswith(".xlsx") else _csv_rows(stream.read())
    header = None
    for number, row in enumerate(raw_rows, start=1):
        cells = [_text(c) for c in row]
        if header is None:
            header = [_field_of(c, headers) for c in cells]
            missing = [field for field in required if field not in header]
            if missing:
                raise InputError(_("The first row must name the columns; these are required: %(columns)s") % {
                    "columns": "、".join(f"{field} ({min(headers[field], key=_chinese_first)})" for field in missing)})
            continue
        if any(cells):
            yield number, {f: v for f, v in zip(header, cells) if f}


def _text(cell) -> str:
    if cell is None:
        return ""
    if hasattr(cell, "date") and hasattr(cell, "hour"):  # an Excel date cell: the date, without 00:00:00
        return cell.date().isoformat() if not (cell.hour or cell.minute) else cell.isoformat(sep=" ")
    return str(cell).strip()


def _chinese_first(label: str) -> tuple[bool, int, str]:
    """The column label to name in a message: a Chinese one, the shortest."""
    return (label.isascii(), len(label), label)


def _field_of(label: str, headers: dict[str, set[str]]) -> str | None:
    key = label.strip().lower()
    return next((f for f, names in headers.items() if key in names), None)


def _xlsx_rows(stream: IO[bytes]):
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(stream.read()), read_only=True, data_only=True).active
    except Exception as error:  # a corrupt or non-xlsx upload: say so, never crash
        raise InputError(_("This is not a readable .xlsx file (%(error)s)") % {"error": error}) from error
    return sheet.iter_rows(values_only=True)


def _csv_rows(data: bytes):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return list(csv.reader(io.StringIO(data.decode(encoding))))
        except UnicodeDecodeError:
            continue
    raise InputError(_("The CSV file is neither UTF-8 nor GB18030 text"))


def _kind(value: str) -> str | None:
    value = value.strip()
    return value if value in Unit.Kind.values else KINDS.get(value)


@action("unit.import")
def import_units(actor, *, name: str, stream: IO[bytes]) -> ImportReport:
    report = ImportReport()
    pending = list(read_rows(name, stream))
    while pending:  # parents first: repeat until a pass places nothing more
        left = [(n, row) for n, row in pending if not _place(n, row, report)]
        if len(left) == len(pending):
            report.errors += [(n, _("parent unit %(code)s not found") % {"code": row.get("parent")}) for n, row in left]
            break
        pending = left
    report.errors.sort()
    return report


def _place(number: int, row: dict[str, str], report: ImportReport) -> bool:
    """Create or update one row's unit. False: its parent is not there yet (try again later)."""
    code, name, kind = row.get("code", ""), row.get("name", ""), _kind(row.get("kind", ""))
    if not code or not name or kind is None:
        report.errors.append((number, _("needs a code, a name and a known kind (市/县区/乡镇街道/市直部门)")))
        return True
    parent = None
    if row.get("parent"):
        parent = Unit.objects.filter(code=row["parent"]).first()
        if parent is None:
            return False
    existing = Unit.objects.filter(code=code).first()
    if parent is not None and existing is not None and parent.path.startswith(existing.path):
        report.errors.append((number, _("a unit cannot be placed under itself or one of its own sub-units")))
        return True
    unit, created = Unit.objects.update_or_create(code=code, defaults={
        "name": name, "kind": kind, "parent": parent, "head": row.get("head", ""), "head_phone": row.get("head_phone", "")})
    _set_path(unit)
    report.created += created
    report.updated += not created
    return True
