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


# Line boxes of each short header's text: more than one means it broke between characters.
BROKEN_HEADERS = """table => [...table.querySelectorAll('th')].filter(th => {
  const text = th.textContent.trim();
  if (!text || text.length > 4) return false;
  const range = document.createRange(); range.selectNodeContents(th);
  return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
}).map(th => th.textContent.trim())"""


def test_short_table_headers_stay_on_one_line(page, live_server, admin_user):
    from yuqing.sources.models import Source
    from yuqing.units import actions

    city = actions.create_unit(None, code="C", name="示例市委宣传部", kind="city")
    for n in range(6):
        actions.create_unit(None, code=f"A{n}", name=f"示例县{n}委宣传部", kind="county", parent=city)
    Source.objects.create(name="示例新闻网", kind="feed", url="https://news.example/rss.xml", consecutive_failures=4,
                          last_run_at="2026-11-01T00:00Z",
                          last_error="HostNotFoundError: could not resolve host news.example: [Errno -2] Name or service not known")
    page.set_viewport_size({"width": 1024, "height": 800})  # an office laptop
    login(page, live_server, "boss", "pw-for-tests-1")
    for path in ("/submissions/assessment/?year=2026", "/sources/"):
        page.goto(f"{live_server.url}{path}")
        for table in page.locator("table.grid").all():
            assert table.evaluate(BROKEN_HEADERS) == [], path
