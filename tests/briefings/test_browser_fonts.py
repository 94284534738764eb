"""The administrator meets a missing Chinese font on the overview, in a real browser, before any report prints boxes."""

from __future__ import annotations

import pytest

from tests.bare_fonts import no_chinese_font  # noqa: F401  (fixture)
from tests.web.browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_administrator_is_told_what_to_install(page, live_server, admin_user, no_chinese_font):  # noqa: F811
    login(page, live_server, "boss", "pw-for-tests-1")
    card = page.locator("section.alert-card[role=alert]")
    assert card.locator("h2").inner_text() == "报告无法显示中文"
    assert "apt install fonts-noto-cjk" in card.inner_text() and "yuqing doctor" in card.inner_text()
