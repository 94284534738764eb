"""Chinese never prints as boxes: a chart and a briefing PDF made on a machine without system CJK fonts.

How "not boxes" is checked: a missing glyph is drawn as the same .notdef box whatever the
character, so two texts that are permutations of the same Chinese characters render to identical
pixels when the font lacks them, and to different pixels when the glyphs are real.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date

import pytest

from tests.bare_fonts import fontconfig_chinese, no_chinese_font, page_pixels, poppler, run_bare  # noqa: F401
from tests.briefings.fixtures import store_day
from yuqing.briefings import actions

pytestmark = pytest.mark.slow

CHART = """
import warnings
from yuqing import cjk_fonts
from yuqing.briefings import charts
print(cjk_fonts.best().origin)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for name, title in (("a", "舆情日报测试"), ("b", "测试日报舆情")):
        chart = {"kind": "bar", "title": title, "labels": ["甲县", "乙县"], "values": [3, 5]}
        open(name + ".png", "wb").write(charts.render(chart))
print(sum("missing from font" in str(w.message) for w in caught))
"""


def test_a_chart_on_a_bare_machine_draws_real_chinese_glyphs(tmp_path):
    assert fontconfig_chinese(tmp_path) == ""  # the machine really has no Chinese font
    done = run_bare(tmp_path, CHART)
    assert done.returncode == 0, done.stderr
    origin, missing = done.stdout.split()
    assert origin == "bundled" and missing == "0"
    assert (tmp_path / "a.png").read_bytes() != (tmp_path / "b.png").read_bytes()


PDF = """
import json
from yuqing.briefings.render_pdf import report_pdf
content = json.load(open("content.json"))
for name, title in (("a", "舆情日报测试"), ("b", "测试日报舆情")):
    open(name + ".pdf", "wb").write(report_pdf({**content, "title": title}))
"""


@pytest.mark.django_db
def test_a_briefing_pdf_on_a_bare_machine_embeds_a_font_with_real_glyphs(people, tmp_path):
    store_day()
    made = actions.generate(people["duty"], kind="daily", day=date(2026, 11, 3), base_url="http://testserver")
    (tmp_path / "content.json").write_text(json.dumps(made.content, ensure_ascii=False))
    done = run_bare(tmp_path, PDF)
    assert done.returncode == 0, done.stderr
    fonts = subprocess.run([poppler("pdffonts"), str(tmp_path / "a.pdf")], capture_output=True, text=True).stdout
    assert "yuqing-CJK" in fonts, fonts  # the font yuqing found, embedded
    assert page_pixels(tmp_path / "a.pdf") != page_pixels(tmp_path / "b.pdf")


NO_FONT = """
from django.utils import translation
from yuqing.briefings import charts
with translation.override("zh-hans"):
    try:
        charts.render({"kind": "bar", "title": "舆情", "labels": ["甲"], "values": [1]})
    except Exception as error:
        print(type(error).__name__, error)
from yuqing.cli import main
raise SystemExit(main(["doctor"]))
"""


def test_without_any_chinese_font_reports_fail_with_a_chinese_message_and_doctor_says_so(tmp_path):
    done = run_bare(tmp_path, NO_FONT, hide_bundled=True)
    assert done.returncode == 1, done.stderr  # doctor: a required check failed
    lines = done.stdout.splitlines()
    assert lines[0].startswith("FontMissingError 服务器上没有能显示中文的字体"), lines
    assert any(line.startswith("✗ 报告用中文字体") for line in lines), lines


@pytest.mark.django_db
def test_the_administrator_sees_the_missing_font_on_the_overview_and_a_download_says_why(people, admin_user, client,
                                                                                         no_chinese_font):
    store_day()
    made = actions.generate(people["duty"], kind="daily", day=date(2026, 11, 3), base_url="http://testserver")
    client.force_login(admin_user)
    assert "报告无法显示中文" in client.get("/").content.decode()
    refused = client.get(f"/briefings/{made.pk}/file.pdf")
    assert refused.status_code == 503 and "没有能显示中文的字体" in refused.content.decode()
    client.force_login(people["editor"])
    assert "报告无法显示中文" not in client.get("/").content.decode()  # the administrator's card only


@pytest.mark.django_db
def test_no_font_card_while_a_font_is_found(admin_user, client):
    client.force_login(admin_user)
    assert "报告无法显示中文" not in client.get("/").content.decode()
