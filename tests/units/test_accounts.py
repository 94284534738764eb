"""User accounts kept in yuqing's own pages (issue 12, item 5): created with unit, roles and officer file
in one step, changed, their password reset under the policy, deactivated when someone leaves; the
officer roster imported from a spreadsheet. Every write is an audited action that never records a password."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.urls import reverse

from tests.units.test_units import _xlsx
from yuqing.accounts.models import ApiToken, AuditEntry
from yuqing.accounts.people import person_name
from yuqing.accounts.roles import user_roles
from yuqing.errors import InputError, WorkflowError
from yuqing.units import accounts
from yuqing.units.access import membership_unit
from yuqing.units.models import Officer
from yuqing.units.roster import import_roster

pytestmark = pytest.mark.django_db
GOOD = "Qingshi-2026-pw"


def authenticate(username: str, password: str):
    """The login check without django-axes' request bookkeeping: the password, and the account active."""
    return ModelBackend().authenticate(None, username=username, password=password)


def _new(office, **extra):
    fields = {"username": "lin_xd", "name": "林小东", "password": GOOD, "email": "lin@example.invalid",
              "roles": ["officer"], "unit": office.county_a} | extra
    return accounts.create_account(office.admin, **fields)


def test_one_step_creates_the_login_its_roles_unit_and_officer_file(office):
    user = _new(office, officer_file=True, post="信息员", phone="010-1")
    assert authenticate(username="lin_xd", password=GOOD) == user
    assert person_name(user) == "林小东" and user_roles(user) == {"officer"} and membership_unit(user) == office.county_a
    officer = Officer.objects.get(user=user)
    assert (officer.name, officer.unit, officer.post, officer.phone) == ("林小东", office.county_a, "信息员", "010-1")
    entry = AuditEntry.objects.get(action="account.create")
    assert entry.actor == office.admin and entry.target_id == str(user.pk) and entry.detail["username"] == "lin_xd"
    assert GOOD not in str(entry.detail) and "password" not in entry.detail


@pytest.mark.parametrize("extra, message", [
    ({"password": "short1A"}, "short|短"),
    ({"password": "alllowercaseletters"}, "mix|至少"),
    ({"username": "officer_a"}, "taken|已"),
    ({"username": "有 空格"}, "letters|字母|有效"),
    ({"name": " "}, "name|姓名"),
    ({"roles": ["king"]}, "king"),
    ({"officer_file": True, "unit": None}, "unit|单位"),
])
def test_an_account_is_refused_with_a_reason(office, extra, message):
    with pytest.raises(InputError, match=message):
        _new(office, **extra)
    assert not get_user_model().objects.filter(username="lin_xd").exists()


def test_changing_name_roles_and_unit_moves_the_officer_file(office):
    user = _new(office, officer_file=True)
    accounts.update_account(office.admin, user, name="林晓东", email="", roles=["officer", "duty_officer"],
                            unit=office.county_b)
    officer = Officer.objects.get(user=user)
    assert (officer.name, officer.unit) == ("林晓东", office.county_b) and membership_unit(user) == office.county_b
    assert user_roles(get_user_model().objects.get(pk=user.pk)) == {"officer", "duty_officer"}
    assert officer.changes.filter(changes__has_key="unit").exists()  # the file keeps the move
    with pytest.raises(InputError):
        accounts.update_account(office.admin, user, name="林晓东", roles=[], unit=None)  # a file needs a unit


def test_a_reset_password_follows_the_policy_and_its_history(office):
    user = _new(office)
    with pytest.raises(InputError):
        accounts.reset_password(office.admin, user, password=GOOD)  # the one in use
    accounts.reset_password(office.admin, user, password="Xinmima-2026-ok")
    assert authenticate(username="lin_xd", password="Xinmima-2026-ok") is not None
    entry = AuditEntry.objects.get(action="account.password_reset")
    assert "Xinmima" not in str(entry.detail)


def test_someone_who_left_cannot_log_in_and_their_file_says_so(office, client):
    user = _new(office, officer_file=True)
    ApiToken.issue(user, "phone")
    client.force_login(user)
    accounts.deactivate_account(office.admin, user, reason="调离")
    assert authenticate(username="lin_xd", password=GOOD) is None
    assert client.get(reverse("home")).status_code == 302  # the open session ends too
    assert not ApiToken.objects.filter(user=user).exists()
    assert Officer.objects.get(user=user).status == Officer.Status.LEFT
    assert AuditEntry.objects.get(action="account.deactivate").detail["reason"] == "调离"
    accounts.activate_account(office.admin, user)
    assert Officer.objects.get(user=user).status == Officer.Status.ACTIVE
    assert authenticate(username="lin_xd", password=GOOD) is not None


def test_nobody_deactivates_themselves_and_only_a_superuser_touches_a_superuser(office, admin_user):
    with pytest.raises(WorkflowError):
        accounts.deactivate_account(office.admin, office.admin)
    with pytest.raises(WorkflowError):
        accounts.reset_password(office.admin, admin_user, password="Xinmima-2026-ok")
    accounts.reset_password(admin_user, admin_user, password="Xinmima-2026-ok")


def test_the_roster_imports_updates_and_reports_bad_rows(office):
    sheet = _xlsx([["姓名", "单位代码", "职务", "电话", "任职日期", "专职", "状态", "登录名"],
                   ["林小东", "A", "信息员", "010-1", datetime(2024, 3, 1), "是", "在岗", "officer_a"],
                   ["何西山", "乙区委宣传部", "兼职信息员", "", "2025/1/10", "否", "", ""],
                   ["无名镇", "NOPE", "", "", "", "", "", ""],
                   ["坏日期", "A", "", "", "去年", "", "", ""],
                   ["重名账号", "A", "", "", "", "", "", "officer_a"]])
    report = import_roster(office.editor, name="名册.xlsx", stream=sheet)
    assert (report.created, report.updated) == (2, 0)
    assert [row for row, _reason in report.errors] == [4, 5, 6]
    assert "NOPE" in dict(report.errors)[4] and "officer_a" in dict(report.errors)[6]
    lin = Officer.objects.get(name="林小东")
    assert (lin.unit, lin.appointed_on, lin.full_time, lin.user) == (office.county_a, date(2024, 3, 1), True, office.officer_a)
    assert person_name(get_user_model().objects.get(pk=office.officer_a.pk)) == "林小东"
    assert Officer.objects.get(name="何西山").unit == office.county_b
    again = import_roster(office.editor, name="名册.csv",
                          stream=io.BytesIO("姓名,单位,职务,状态\n林小东,A,专职信息员,已离岗\n".encode("gb18030")))
    assert (again.created, again.updated, again.errors) == (0, 1, [])
    lin.refresh_from_db()
    assert (lin.post, lin.status) == ("专职信息员", "left") and lin.changes.filter(changes__has_key="post").exists()
    with pytest.raises(InputError, match="姓名"):
        import_roster(office.editor, name="x.csv", stream=io.BytesIO("名字,单位\n甲,A\n".encode()))


def test_the_user_pages(client, office):
    client.force_login(office.admin)
    response = client.post(reverse("units:user_add"), {
        "username": "he_xs", "name": "何西山", "roles": ["officer"], "unit": office.county_b.pk, "officer_file": "on"})
    html = response.content.decode()
    user = get_user_model().objects.get(username="he_xs")
    shown = html.split('class="secret">')[1].split("<")[0]  # a password was made and is shown once
    assert authenticate(username="he_xs", password=shown) == user and Officer.objects.get(user=user).unit == office.county_b
    assert "何西山" in client.get(reverse("units:users"), {"role": "officer"}).content.decode()
    assert "何西山" not in client.get(reverse("units:users"), {"role": "leader"}).content.decode()
    response = client.post(reverse("units:user_password", args=[user.pk]), {"password": "short"})
    assert response.status_code == 302 and authenticate(username="he_xs", password=shown) == user  # refused
    client.post(reverse("units:user_deactivate", args=[user.pk]), {"reason": "调离"})
    assert not get_user_model().objects.get(pk=user.pk).is_active
    client.force_login(office.editor)
    assert client.get(reverse("units:users")).status_code == 403
    assert client.get(reverse("units:roster_import")).status_code == 200  # editors keep the roster
