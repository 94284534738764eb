"""The dashboard in real headless Chromium, offline: every chart drawn (no blank canvas), Chinese text
set in a CJK font (no missing-glyph boxes), and a screenshot that is not empty."""

from __future__ import annotations

import dataclasses
import json
import os
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


SERIES = """(id) => {
  const chart = echarts.getInstanceByDom(document.getElementById(id));
  const series = chart.getOption().series[0];
  return {type: series.type, names: (series.data || []).map((d) => d.name)};
}"""


def test_the_default_map_is_the_office_area_not_a_national_outline(page, live_server, admin_user, settings, tmp_path):
    """An office in 永城市: its province drawn as its cities and counties from the shipped divisions,
    no national outline requested; clicking a city shows its counties."""
    settings.YUQING = dataclasses.replace(settings.YUQING, place="永城市", map_dir=tmp_path / "none")
    store_batch(demo_items(), None, None)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_viewport_size({"width": 1400, "height": 1000})
    login(page, live_server, "boss", "pw-for-tests-1")
    page.wait_for_selector("#dashboard[data-ready='1']", timeout=30_000)

    assert page.get_attribute("#dash-map", "data-view") == "area" and page.get_attribute("#dash-map", "data-code") == "41"
    drawn = page.evaluate(SERIES, "dash-map")
    assert drawn["type"] == "treemap" and "商丘市" in drawn["names"]
    assert "河南省" in page.inner_text("#dash-map-trail") and page.is_hidden("#dash-map-national")
    assert not any("map.geojson" in url for url in requests), "no outline was installed, none may be fetched"
    assert page.evaluate(COLOURS, "dash-map") > 8 and page.evaluate(COLOURS, "dash-cities") > 8
    card = page.locator("section:has(#dash-map)")
    folder = os.environ.get("YUQING_SCREENSHOTS")
    if folder:
        card.screenshot(path=os.path.join(folder, "dashboard-area-map.png"))

    box = page.locator("#dash-map").bounding_box()  # the largest block (商丘市) is drawn first, top left:
    page.mouse.click(box["x"] + 40, box["y"] + 12)  # its title bar (inside it, a county opens its posts)
    page.wait_for_selector("#dash-map[data-code='4114']")
    assert "永城市" in page.evaluate(SERIES, "dash-map")["names"]
    page.click("#dash-map-trail button")  # back up to the province
    assert page.get_attribute("#dash-map", "data-code") == "41"


def _geojson(folder, name: str, squares: list[tuple[str, float, float]]) -> None:
    folder.mkdir(exist_ok=True)
    features = [{"type": "Feature", "properties": {"name": label},
                 "geometry": {"type": "Polygon", "coordinates": [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]]}}
                for label, x, y in squares]
    (folder / f"{name}.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")


def test_a_national_map_only_from_an_installed_file_with_the_islands(page, live_server, admin_user, settings, tmp_path):
    maps = tmp_path / "maps"
    settings.YUQING = dataclasses.replace(settings.YUQING, place="永城市", map_dir=maps)
    _geojson(maps, "china", [("河南省", 113, 33)])  # no South China Sea islands: refused
    login(page, live_server, "boss", "pw-for-tests-1")
    page.wait_for_selector("#dashboard[data-ready='1']", timeout=30_000)
    assert page.is_hidden("#dash-map-national") and "南海诸岛" in page.inner_text("section:has(#dash-map)")

    _geojson(maps, "china", [("河南省", 113, 33), ("南海诸岛", 112, 15.5)])
    page.reload()
    page.wait_for_selector("#dashboard[data-ready='1']", timeout=30_000)
    assert page.get_attribute("#dash-map", "data-view") == "area"  # the office's area stays the default
    page.click("#dash-map-national")
    page.wait_for_selector("#dash-map[data-view='national']")
    assert page.evaluate(SERIES, "dash-map")["type"] == "map"
