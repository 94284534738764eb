"""The officer roster (信息员名册) from a spreadsheet (.xlsx or .csv), as units are imported
(yuqing.units.importing reads the file): one officer a row, Chinese or English headers.

A row names the officer and the unit (its code, or its exact name); an officer already on file in
that unit under that name is updated (the file keeps the history of every change), any other is
added. An optional login column links an existing account, which then shows the file's name.
Every row that cannot be used is reported with its reason.
"""

from __future__ import annotations

import re
from datetime import date
from typing import IO

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from yuqing.actions import action
from yuqing.errors import InputError, YuqingError
from yuqing.units.actions import create_officer, update_officer
from yuqing.units.importing import ImportReport, read_rows
from yuqing.units.models import Officer, Unit

HEADERS = {
    "name": {"name", "姓名", "信息员", "信息员姓名"},
    "unit": {"unit", "unit_code", "单位", "单位代码", "单位名称", "所在单位"},
    "post": {"post", "职务", "岗位"},
    "phone": {"phone", "电话", "手机", "联系电话"},
    "email": {"email", "e-mail", "邮箱", "电子邮箱"},
    "appointed_on": {"appointed_on", "appointed", "任职日期", "聘任日期", "任命日期"},
    "full_time": {"full_time", "专职", "专兼职", "是否专职"},
    "status": {"status", "状态"},
    "notes": {"notes", "备注"},
    "login": {"login", "username", "登录名", "账号", "用户名"},
}
YES = {"是", "专职", "yes", "y", "true", "1", "√"}
NO = {"", "否", "兼职", "no", "n", "false", "0"}
STATUSES = {"在岗": "active", "在职": "active", "暂停": "suspended", "离岗": "left", "已离岗": "left", "离职": "left"}
DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


@action("officer.import")
def import_roster(actor, *, name: str, stream: IO[bytes]) -> ImportReport:
    report = ImportReport()
    for number, row in read_rows(name, stream, HEADERS, required=("name", "unit")):
        try:
            _place(actor, row, report)
        except YuqingError as error:
            report.errors.append((number, str(error)))
    return report


def _place(actor, row: dict[str, str], report: ImportReport) -> None:
    officer_name, unit = row.get("name", ""), _unit(row.get("unit", ""))
    if not officer_name:
        raise InputError(_("needs the officer's name"))
    existing = Officer.objects.filter(name=officer_name, unit=unit).first()
    fields = _fields(row, existing)
    if existing is None:
        create_officer(actor, name=officer_name, unit=unit, **fields)
        report.created += 1
    else:
        update_officer(actor, existing, **fields)
        report.updated += 1


def _unit(value: str) -> Unit:
    found = (Unit.objects.filter(code=value).first() or Unit.objects.filter(name=value).first()) if value else None
    if found is None:
        raise InputError(_("unit %(unit)s not found (give its code or its exact name)") % {"unit": value or "—"})
    return found


def _fields(row: dict[str, str], existing: Officer | None) -> dict:
    fields = {key: row[key] for key in ("post", "phone", "email", "notes") if key in row}
    if row.get("appointed_on"):
        fields["appointed_on"] = _date(row["appointed_on"])
    if "full_time" in row:
        fields["full_time"] = _yes(row["full_time"])
    if row.get("status"):
        fields["status"] = _status(row["status"])
    if row.get("login"):
        fields["user"] = _account(row["login"], existing)
    return fields


def _date(value: str) -> date:
    found = DATE.match(value.strip())
    try:
        return date(*(int(part) for part in found.groups())) if found else date.fromisoformat(value)
    except ValueError:
        raise InputError(_("%(value)s is not a date (write it as 2024-03-01)") % {"value": value}) from None


def _yes(value: str) -> bool:
    value = value.strip().lower()
    if value in YES or value in NO:
        return value in YES
    raise InputError(_("full-time: write 是 or 否, not %(value)s") % {"value": value})


def _status(value: str) -> str:
    status = STATUSES.get(value.strip(), value.strip().lower())
    if status not in Officer.Status.values:
        raise InputError(_("unknown status %(value)s (在岗, 暂停 or 已离岗)") % {"value": value})
    return status


def _account(login: str, existing: Officer | None):
    user = get_user_model().objects.filter(username=login).first()
    if user is None:
        raise InputError(_("no account has the login name %(login)s (create it on the Users page first)") % {"login": login})
    other = Officer.objects.filter(user=user).exclude(pk=getattr(existing, "pk", None)).first()
    if other is not None:
        raise InputError(_("the account %(login)s belongs to the file of %(name)s") % {"login": login, "name": other.name})
    return user
