"""In real headless Chromium, as the administrator: add a person with unit, role and officer file in one
form, hand over the password the page made, see the person log in under their name, reset the
password, and deactivate them when they leave; an editor imports the officer roster."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.units.factories import PASSWORD, build_office
from tests.web.browser import login, page, shot  # noqa: F401  (fixture)
from yuqing.units.models import Officer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page, live_server) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")


def test_an_administrator_adds_resets_and_deactivates_a_person(page, live_server):  # noqa: F811
    office = build_office()
    login(page, live_server, "office_admin", PASSWORD)
    page.locator(".navgroup", has_text="系统管理").locator("button").hover()  # the Administration menu
    page.click(".navmenu a:has-text('用户')")
    page.wait_for_url(f"{live_server.url}/units/users/")
    page.click("a:has-text('新增用户')")
    page.fill("input[name=username]", "lin_xd")
    page.fill("input[name=name]", "林小东")
    page.check("input[name=roles][value=officer]")
    page.select_option("select[name=unit]", label="甲县委宣传部")
    page.check("input[name=officer_file]")
    page.fill("input[name=post]", "信息员")
    page.click("#account-form button[type=submit]")
    expect(page.locator("#new-password")).to_be_visible()
    password = page.inner_text("#new-password code.secret")
    shot(page, "user-created")
    person = get_user_model().objects.get(username="lin_xd")
    assert Officer.objects.get(user=person).unit == office.county_a

    _logout(page, live_server)
    login(page, live_server, "lin_xd", password)
    assert page.inner_text(".topbar a.user") == "林小东"  # their name, not the login

    _logout(page, live_server)
    login(page, live_server, "office_admin", PASSWORD)
    page.goto(f"{live_server.url}/units/users/{person.pk}/")
    page.fill("#reset-password input[name=password]", "abc")  # too short: refused, with why
    page.click("#reset-password button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("密码")
    page.fill("#reset-password input[name=password]", "")  # empty: one is made
    page.click("#reset-password button[type=submit]")
    new_password = page.inner_text("#new-password code.secret")
    assert new_password and new_password != password
    page.fill("#account-status input[name=reason]", "调离")
    page.click("#account-status button[type=submit]")
    expect(page.locator("h1")).to_contain_text("已停用")
    assert "调离" in page.inner_text("main")  # the history says why
    assert Officer.objects.get(user=person).status == "left"

    _logout(page, live_server)
    page.fill("input[name=username]", "lin_xd")
    page.fill("input[name=password]", new_password)
    page.click("button[type=submit].primary")
    expect(page.locator("main")).to_contain_text("用户名")  # refused: the account is off
    assert page.url.endswith("/login/")


def test_an_editor_imports_the_roster(page, live_server, tmp_path):  # noqa: F811
    build_office()
    roster = tmp_path / "名册.csv"
    roster.write_text("姓名,单位代码,职务,专职\n孙城关,A,专职信息员,是\n无名,NOPE,,\n", encoding="utf-8")
    login(page, live_server, "editor", PASSWORD)
    page.goto(f"{live_server.url}/units/officers/")
    page.click("a:has-text('导入信息员名册')")
    page.set_input_files("input[name=file]", str(roster))
    page.click("button[type=submit].primary")
    expect(page.locator("#import-report")).to_contain_text("新建 1 份档案")
    assert "NOPE" in page.inner_text("#import-report")
    assert Officer.objects.get(name="孙城关").full_time
