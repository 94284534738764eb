"""An issue as PDF: the same layout as the Word file, rendered by WeasyPrint with the CJK fonts
fontconfig finds (the font files are embedded, so the PDF reads the same everywhere)."""

from __future__ import annotations

import logging

from django.template.loader import render_to_string

from yuqing.bulletins import fonts
from yuqing.bulletins.layout import layout
from yuqing.bulletins.models import Issue

log = logging.getLogger("yuqing.bulletins")


def issue_html(issue: Issue) -> str:
    families = {name: fonts.css_family(face) for name, face in
                (("masthead", fonts.MASTHEAD), ("title", fonts.TITLE), ("body", fonts.BODY), ("kai", fonts.KAI),
                 ("hei", fonts.HEI))}
    return render_to_string("bulletins/print.html", {"page": layout(issue), "fonts": families})


def issue_pdf(issue: Issue) -> bytes:
    from weasyprint import HTML

    if fonts.pdf_face_in_use(fonts.BODY) is None:
        log.warning("no Chinese font found by fontconfig (fc-list :lang=zh); install fonts-noto-cjk for PDF bulletins")
    # No base URL and no external resources: the page is self-contained.
    return HTML(string=issue_html(issue)).write_pdf()
