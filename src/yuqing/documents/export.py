"""Documents as an Excel sheet an office can use: one row each under a header row, real dates,
the site's name, sentiment in words, places named, links clickable; printable (A4 landscape,
the header repeated on every page)."""

from __future__ import annotations

import io
from typing import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from yuqing.documents.labels import sentiment_label
from yuqing.documents.models import Document
from yuqing.sheet_rows import append_row
from yuqing.sources.site_names import office_names, site_name

WIDTHS = (17, 14, 16, 36, 70, 40, 8, 20)
MAX_TEXT = 32_000  # Excel holds at most 32,767 characters in a cell


# The header row, in the office's words (listed here so the catalogue collects them).
COLUMNS = (pgettext_lazy("export column", "Time"), pgettext_lazy("export column", "Site"),
           pgettext_lazy("export column", "Author"), pgettext_lazy("export column", "Title"),
           pgettext_lazy("export column", "Text"), pgettext_lazy("export column", "Link"),
           pgettext_lazy("export column", "Sentiment"), pgettext_lazy("export column", "Places"))


def headers() -> list[str]:
    return [str(column) for column in COLUMNS]


def _row(doc: Document, names: dict[str, str]) -> list:
    places = "、".join(dict.fromkeys(p.get("name", "") for p in doc.places or [] if p.get("name")))
    when = timezone.localtime(doc.published_at).replace(tzinfo=None)
    return [when, site_name(doc.site, names), doc.author, doc.title, doc.text[:MAX_TEXT], doc.url,
            sentiment_label(doc.sentiment), places]


def workbook(documents: Iterable[Document]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Documents")[:31]
    sheet.append(headers())
    names = office_names()
    for doc in documents:
        append_row(sheet, _row(doc, names))
        sheet.cell(sheet.max_row, 1).number_format = "yyyy-mm-dd hh:mm"
        if doc.url.startswith(("http://", "https://")):
            sheet.cell(sheet.max_row, 6).hyperlink = doc.url
    _layout(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _layout(sheet) -> None:
    for column, width in zip("ABCDEFGH", WIDTHS):
        sheet.column_dimensions[column].width = width
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation, sheet.page_setup.paperSize = "landscape", sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
