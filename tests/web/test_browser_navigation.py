"""The grouped top bar in a real browser: a menu opens on hover or keyboard focus and leads to its pages."""

from __future__ import annotations

import pytest

from tests.web.browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_menus_open_and_lead_to_their_pages(page, live_server, admin_user):
    login(page, live_server, "boss", "pw-for-tests-1")
    top = page.locator("header.topbar nav > a, header.topbar nav > .navgroup > button")
    assert top.count() <= 6
    menu = page.locator(".navgroup", has_text="舆情监测")
    assert not menu.locator(".navmenu").is_visible()
    menu.locator("button").hover()
    menu.locator(".navmenu a", has_text="监测方案").click()
    page.wait_for_url(f"{live_server.url}/monitoring/")
    assert "active" in page.locator(".navgroup", has_text="舆情监测").get_attribute("class")
    page.locator(".navgroup", has_text="数据采集").locator("button").focus()  # the keyboard way in
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/sources/")
