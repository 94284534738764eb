"""Small things an office notices at once, in a real browser (issue 12, item 10)."""

from __future__ import annotations

import pytest

from tests.web.browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_date_fields_show_their_default_in_chinese(page, live_server, admin_user):
    """A date input takes only ISO values; Django's Chinese format (2026/11/30) left it empty."""
    login(page, live_server, "boss", "pw-for-tests-1")
    page.goto(f"{live_server.url}/monitoring/duty/?start=2026-11-30")
    first_day = page.locator("input[name=first_day]")
    assert first_day.input_value() == "2026-11-30"
    assert first_day.evaluate("input => input.valueAsDate !== null")  # the browser took it as a date
