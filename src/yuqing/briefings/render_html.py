"""A briefing as HTML (a self-contained file, also the source of the PDF) and as a page fragment.

The layout is a Django template the office can adapt: put `briefings/report.html` (the whole
file) or `briefings/_body.html` (the sections) under `<workspace>/templates/` and it is used
instead of the shipped one; fonts: see yuqing.pdf (the PDF embeds them).
"""

from __future__ import annotations

import base64
import logging
from pathlib import Path

from django.conf import settings
from django.template import Context, Engine
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from yuqing.briefings import charts
from yuqing.pdf import CSS_FAMILY

log = logging.getLogger("yuqing.briefings")
# Ends with yuqing.pdf.CSS_FAMILY: the font yuqing found, so a machine without any of these still shows Chinese.
SANS = ('"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", '
        f'"SimHei", "{CSS_FAMILY}", sans-serif')
SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", ' + SANS
FONTS = {"body": SERIF, "title": SERIF, "heading": SANS}


def office_templates() -> Path:
    return Path(settings.YUQING.home) / "templates"


def chart_sources(content: dict) -> dict[str, str]:
    return {name: "data:image/png;base64," + base64.b64encode(charts.render(chart)).decode("ascii")
            for name, chart in (content.get("charts") or {}).items() if chart.get("values")}


def view_of(content: dict) -> dict:
    """The content with each section's chart as a data: URI, and the generation time for people."""
    sources = chart_sources(content)
    sections = [dict(s, chart_src=sources.get(s.get("chart") or "")) for s in content.get("sections", [])]
    when = parse_datetime(content.get("generated_at") or "")
    generated = timezone.localtime(when).strftime("%Y-%m-%d %H:%M") if when else ""
    return {"content": {**content, "sections": sections}, "generated": generated, "fonts": FONTS}


def _engine() -> Engine:
    """Django's engine, with the workspace's templates folder searched first when it exists."""
    default = Engine.get_default()
    folder = office_templates()
    if not folder.is_dir():
        return default
    return Engine(dirs=[str(folder)], app_dirs=True, libraries=default.libraries, builtins=default.builtins)


def report_html(content: dict) -> str:
    folder = office_templates()
    if folder.is_dir():
        log.info("briefing templates: %s is searched first", folder)
    return _engine().get_template("briefings/report.html").render(Context(view_of(content)))


def page_fragment(content: dict) -> str:
    return _engine().get_template("briefings/_body.html").render(Context(view_of(content)))
