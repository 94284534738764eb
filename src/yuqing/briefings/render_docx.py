"""A briefing as an editable Word file (python-docx).

Structure, top to bottom: title (centred, red), period line, the sign-off (or "draft"), a red
rule; for each section a heading ("1. 概述"), its paragraphs (first-line indent of two
characters), its chart (PNG), its table (last column: source numbers), and a small line with the
numbers of the documents it rests on and an "all" link to the search that lists the counted set;
then the numbered list of sources.

Fonts: Chinese text is set through w:eastAsia on every run and on the Normal style (Word ignores
the Latin font name for Chinese). The office can adapt the look without code: a Word file at
`<workspace>/templates/briefings/briefing.docx` is used as the base (its styles, page setup,
header, footer and any letterhead at the top are kept; the briefing is appended after them).
"""

from __future__ import annotations

import io
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from django.utils.translation import gettext as _

from yuqing.briefings import charts
from yuqing.briefings.render_html import office_templates, view_of

BODY_FONT, HEADING_FONT, TITLE_FONT, LATIN = "仿宋", "黑体", "宋体", "Times New Roman"
RED, BLUE, GREY = RGBColor(0xC0, 0x00, 0x00), RGBColor(0x14, 0x56, 0xF0), RGBColor(0x64, 0x6A, 0x73)


def base_document():
    template = office_templates() / "briefings" / "briefing.docx"
    return WordDocument(str(template)) if template.is_file() else WordDocument()


def set_font(run, east_asia: str, size: float, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name, run.font.size, run.font.bold = LATIN, Pt(size), bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")
    if color is not None:
        run.font.color.rgb = color


def _normal_style(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = LATIN, Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)


def add_link(paragraph, text: str, url: str, size: float = 9, superscript: bool = False) -> None:
    """An external hyperlink run (python-docx has no API for it)."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = paragraph.add_run(text)
    set_font(run, BODY_FONT, size, color=BLUE)
    run.font.superscript = superscript
    link.append(run._element)
    paragraph._p.append(link)


def _text(paragraph, text: str, font: str = BODY_FONT, size: float = 12, **style) -> None:
    set_font(paragraph.add_run(text), font, size, **style)


def _rule(paragraph) -> None:
    borders, line = OxmlElement("w:pBdr"), OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "1"), ("w:color", "C00000")):
        line.set(qn(key), value)
    borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)


def ref_number(label: str) -> str:
    return label[1:] if label.startswith("E") else label


def _refs(paragraph, refs: list[str], links: dict[str, str], set_link: str) -> None:
    for ref in refs:
        add_link(paragraph, f"[{ref_number(ref)}]", links[ref], 8)
    if set_link:
        paragraph.add_run(" ")
        add_link(paragraph, _("all") + "↗", set_link, 8)


def _head(doc, view: dict) -> None:
    content = view["content"]
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text(title, content["title"], TITLE_FONT, 20, bold=True, color=RED)
    meta = doc.add_paragraph()
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text(meta, f"{content['period']['label']} · {view['generated']}", BODY_FONT, 10, color=GREY)
    signed = content.get("signature") or {}
    if signed.get("name"):
        _text(meta, "\n" + _("Signed off by") + f": {signed['name']} · {signed['date']}", BODY_FONT, 10)
    elif content.get("draft"):
        _text(meta, "\n" + _("Draft: not signed off"), BODY_FONT, 10, color=RED)
    _rule(meta)


def _section(doc, number: int, section: dict, links: dict[str, str], chart: dict | None) -> None:
    _text(doc.add_paragraph(), f"{number}. {section['heading']}", HEADING_FONT, 14, bold=True)
    for para in section["paragraphs"]:
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(24)
        _text(paragraph, para["text"])
    if chart and chart.get("values"):
        doc.add_picture(io.BytesIO(charts.render(chart)), width=Cm(15.5))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if section.get("table"):
        _table(doc, section["table"], links)
    if section.get("refs") or section.get("link"):
        sources = doc.add_paragraph()
        _text(sources, _("Based on") + ": ", BODY_FONT, 8, color=GREY)
        _refs(sources, section.get("refs", []), links, section.get("link", ""))


def _table(doc, table: dict, links: dict[str, str]) -> None:
    grid = doc.add_table(rows=1, cols=len(table["columns"]) + 1)
    grid.style = "Table Grid"
    for cell, name in zip(grid.rows[0].cells, table["columns"] + [_("Based on")]):
        _text(cell.paragraphs[0], name, HEADING_FONT, 10, bold=True)
    for row in table["rows"]:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row["cells"]):
            _text(cell.paragraphs[0], value, BODY_FONT, 10)
        _refs(cells[-1].paragraphs[0], row["refs"], links, row.get("link", ""))


def _evidence(doc, content: dict) -> None:
    _text(doc.add_paragraph(), _("List of sources"), HEADING_FONT, 14, bold=True)
    for e in content["evidence"]:
        paragraph = doc.add_paragraph()
        _text(paragraph, f"[{ref_number(e['label'])}] ", BODY_FONT, 9, bold=True)
        _text(paragraph, f"{e['site'] or '—'} · {e['author'] or '—'} · {e['time']}: {e['text']} · ", BODY_FONT, 9)
        add_link(paragraph, _("stored copy") + f" #{e['id']}", e["link"], 9)
        if e.get("url"):
            paragraph.add_run(" ")
            add_link(paragraph, _("original"), e["url"], 9)


def report_docx(content: dict) -> bytes:
    view = view_of({**content, "charts": {}})  # charts are drawn below, at Word's size
    doc = base_document()
    _normal_style(doc)
    _head(doc, view)
    links = {e["label"]: e["link"] for e in content["evidence"]}
    for number, section in enumerate(content["sections"], 1):
        _section(doc, number, section, links, (content.get("charts") or {}).get(section.get("chart") or ""))
    _evidence(doc, content)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
