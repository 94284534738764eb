"""A briefing as PDF: the HTML file rendered by WeasyPrint with a Chinese font embedded (yuqing.pdf).
Links (evidence, searches) stay clickable."""

from __future__ import annotations

from yuqing.briefings.render_html import report_html
from yuqing.pdf import html_to_pdf


def report_pdf(content: dict) -> bytes:
    return html_to_pdf(report_html(content))
