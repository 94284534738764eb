"""The dashboard in real headless Chromium, offline: every chart drawn (no blank canvas), Chinese text
set in a CJK font (no missing-glyph boxes), and a screenshot that is not empty."""

from __future__ import annotations

import re

import pytest

from tests.web.browser import login
from yuqing.documents.demo import demo_items
from yuqing.documents.store import store_batch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHARTS = ["dash-volume", "dash-sentiment", "dash-map", "dash-cities", "dash-sources"]
CJK_FONT = re.compile(r"CJK|WenQuanYi|Hei|Song|Source Han|PingFang|YaHei", re.I)

# Distinct colours in a canvas: a blank or single-colour canvas has one or two.
COLOURS = """(id) => {
  const canvas = document.querySelector('#' + id + ' canvas');
  if (!canvas) { return 0; }
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const seen = new Set();
  for (let i = 0; i < data.length; i += 16) { seen.add(data[i] + ',' + data[i + 1] + ',' + data[i + 2] + ',' + data[i + 3]); }
  return seen.size;
}"""

# The bitmap of a character in the page's font; a missing glyph draws the same box for any character.
GLYPH = """(ch) => {
  const c = document.createElement('canvas'); c.width = 40; c.height = 40;
  const g = c.getContext('2d'); g.font = '32px ' + getComputedStyle(document.body).fontFamily;
  g.fillText(ch, 2, 34); return Array.from(g.getImageData(0, 0, 40, 40).data).join(',');
}"""


def _platform_fonts(page, selector: str) -> list[str]:
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return [f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]


def test_dashboard_draws_every_chart_in_a_cjk_font(page, live_server, admin_user, tmp_path):
    store_batch(demo_items(), None, None)  # analysed on commit by the real pipeline (places, events)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1400, "height": 1000})
    login(page, live_server, "boss", "pw-for-tests-1")
    page.wait_for_selector("#dashboard[data-ready='1']", timeout=30_000)
    page.wait_for_timeout(300)

    for chart in CHARTS:
        assert page.evaluate(COLOURS, chart) > 8, f"{chart} is blank"
    assert page.locator("#dash-words span").count() >= 10
    assert page.locator("#dash-events tbody tr").count() >= 3
    assert errors == []
    assert all(url.startswith(live_server.url) for url in requests), "the dashboard must work without internet"

    for selector in ("h1", "#dashboard h2", "#dash-events tbody td"):
        fonts = _platform_fonts(page, selector)
        assert any(CJK_FONT.search(name) for name in fonts), (selector, fonts)
    tofu = page.evaluate(GLYPH, "\U0010fffd")
    drawn = [page.evaluate(GLYPH, ch) for ch in "舆情监测"]
    assert len(set(drawn)) == 4 and tofu not in drawn

    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    assert len(image.resize((200, 200)).getcolors(40_000)) > 200
