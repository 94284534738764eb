"""The overview of each role in real headless Chromium: the card of the role's own work is there,
with its data, next to the office's dashboard, and the page runs without a script error."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web import role_world
from tests.web.browser import login, page, shot  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# role → (the card of its own work, a text in it)
CARDS = {"duty_officer": ("#watch-card", "化工厂起火"), "editor": ("#queue-card", "突发事件首报"),
         "leader": ("#leader-card", "请跟进"), "officer": ("#unit-card", "甲县委宣传部")}


def test_each_role_opens_on_its_own_work(page, live_server, settings):  # noqa: F811
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    users, _samples = role_world.build()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1400, "height": 1000})
    for role, (card, text) in CARDS.items():
        page.context.clear_cookies()
        login(page, live_server, users[role].username, "pw-role-matrix-1")
        expect(page.locator(card)).to_contain_text(text)
        others = [c for c, _t in CARDS.values() if c != card]
        assert all(page.locator(c).count() == 0 for c in others), role
        assert page.locator(".topbar a.user").inner_text() == role_world.NAMES[role]
        shot(page, f"dashboard-{role}")
    expect(page.locator("#leader-card")).to_have_count(0)
    assert errors == []
