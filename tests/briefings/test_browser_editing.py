"""In real headless Chromium: an editor rewrites a generated daily briefing and writes its analysis,
sends it for sign-off; the chief editor signs it off; the page shows the sign-off and the sources list."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tests.briefings.fixtures import store_day
from tests.web.browser import login, shot
from yuqing.briefings import actions
from yuqing.briefings.models import Briefing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_edits_and_sends_the_chief_editor_signs_off(page, live_server, people, django_user_model):  # noqa: F811
    chief = django_user_model.objects.create_user("chief", first_name="周总编", password="pw-chief-1")
    chief.groups.add(Group.objects.get_or_create(name="chief_editor")[0])
    store_day()
    made = actions.generate(None, kind="daily", day=date(2026, 11, 3), base_url=live_server.url)
    login(page, live_server, "editor", "pw-editor-1")
    page.goto(f"{live_server.url}/briefings/{made.pk}/")
    page.click("#edit")
    page.fill("#text-overview", "11月3日，全网涉我市信息13条，主要为永城化工厂火情，已得到控制。")
    page.fill("#text-analysis", "火情处置及时，官方通报发布后负面情绪回落；网民关注点转向化工厂选址与环境监测。")
    page.fill("#text-recommendations", "一、请应急管理局适时发布调查进展；二、环境部门公开监测数据。")
    page.click("#save")
    expect(page.locator("#s-analysis")).to_contain_text("负面情绪回落")
    assert "[E" not in page.inner_text("article.briefing")
    assert page.locator("#s-overview .section-sources a.ref").count() >= 1
    page.click("#submit")
    expect(page.locator("#briefing-state")).to_contain_text("待签发")
    assert page.locator("#sign-refusal").is_visible()  # an editor does not sign off, and is told who does
    page.click("form[action$='/logout/'] button")
    login(page, live_server, "chief", "pw-chief-1")
    page.goto(f"{live_server.url}/briefings/{made.pk}/")
    page.click("#sign-off")
    expect(page.locator("#signature")).to_contain_text("周总编")
    assert Briefing.objects.get().state == "signed" and not page.locator("#edit").count()
    shot(page, "briefing-edited")
