"""A briefing as PDF: the HTML file rendered by WeasyPrint, with the CJK fonts fontconfig finds
embedded (so it reads the same on any machine). Links (evidence, searches) stay clickable."""

from __future__ import annotations

import logging
import shutil
import subprocess

from yuqing.briefings.render_html import report_html

log = logging.getLogger("yuqing.briefings")


def has_chinese_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())


def report_pdf(content: dict) -> bytes:
    from weasyprint import HTML

    if not has_chinese_font():
        log.warning("no Chinese font found by fontconfig (fc-list :lang=zh); the PDF will show boxes: "
                    "install fonts-noto-cjk or fonts-wqy-microhei")
    # No base URL: the document is self-contained (charts are data: URIs), nothing is fetched.
    return HTML(string=report_html(content)).write_pdf()
