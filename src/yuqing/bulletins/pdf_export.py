"""An issue as PDF: the same layout as the Word file, rendered by WeasyPrint with the office's fonts
where installed and a font that covers Chinese in any case (yuqing.pdf; embedded, so the PDF reads
the same everywhere)."""

from __future__ import annotations

from django.template.loader import render_to_string

from yuqing.bulletins import fonts
from yuqing.bulletins.layout import IssueLayout, layout
from yuqing.bulletins.models import Issue
from yuqing.pdf import html_to_pdf


def layout_html(page: IssueLayout) -> str:
    families = {name: fonts.css_family(face) for name, face in
                (("masthead", fonts.MASTHEAD), ("title", fonts.TITLE), ("body", fonts.BODY), ("kai", fonts.KAI),
                 ("hei", fonts.HEI))}
    return render_to_string("bulletins/print.html", {"page": page, "fonts": families})


def issue_html(issue: Issue) -> str:
    return layout_html(layout(issue))


def issue_pdf(issue: Issue) -> bytes:
    return html_to_pdf(issue_html(issue))


def layout_pdf(page: IssueLayout) -> bytes:
    """Any document laid out as an IssueLayout, as PDF."""
    return html_to_pdf(layout_html(page))
