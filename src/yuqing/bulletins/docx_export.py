"""An issue as an editable Word file, laid out like a Chinese official bulletin (简报):
red masthead, issue number, issuing unit / signer / date, a red rule, editor's note, contents,
the entries in 仿宋 三号 with two-character indents, the distribution block, page numbers."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

from yuqing.bulletins import fonts
from yuqing.bulletins.layout import IssueLayout, layout
from yuqing.bulletins.models import Issue

RED = RGBColor(0xE6, 0x00, 0x12)
SAN_HAO, SI_HAO, XIAO_ER, XIAO_CHU = Pt(16), Pt(14), Pt(18), Pt(36)  # 三号, 四号, 小二, 小初


def set_run_font(run, face: fonts.Face, size: Pt, color: RGBColor | None = None, bold: bool | None = None) -> None:
    """Name the East Asian font explicitly (w:eastAsia): Word ignores font.name for Chinese text."""
    run.font.name, run.font.size = fonts.LATIN, size
    r_fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    r_fonts.set(qn("w:eastAsia"), face.word)
    r_fonts.set(qn("w:hint"), "eastAsia")
    run.font.bold = face.bold if bold is None else bold
    if color is not None:
        run.font.color.rgb = color


def _paragraph(doc, text: str, face: fonts.Face, size: Pt, *, align=None, indent: bool = False,
               color: RGBColor | None = None, bold: bool | None = None, exact: Pt | None = Pt(28)) -> Paragraph:
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    if align is not None:
        paragraph.alignment = align
    if indent:
        fmt.first_line_indent = size * 2
    if exact is not None:
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, exact
    fmt.space_before = fmt.space_after = Pt(0)
    if text:
        set_run_font(paragraph.add_run(text), face, size, color, bold)
    return paragraph


def _rule(paragraph: Paragraph, color: str, size_eighths: int, side: str = "bottom") -> None:
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{side}")
    for key, value in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", "1"), ("w:color", color)):
        line.set(qn(key), value)
    borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = fonts.LATIN, SAN_HAO
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), fonts.BODY.word)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(footer.add_run("— "), fonts.BODY, SI_HAO)
    _page_field(footer)
    set_run_font(footer.add_run(" —"), fonts.BODY, SI_HAO)


def _page_field(paragraph: Paragraph) -> None:
    run = paragraph.add_run()
    set_run_font(run, fonts.BODY, SI_HAO)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        else:
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = text
        run._r.append(node)


def _register_fallbacks(doc) -> None:
    """Font table entries with altName, so Word substitutes sensibly where a font is missing."""
    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for face in (fonts.MASTHEAD, fonts.BODY, fonts.KAI, fonts.HEI):
        if face.word in known:
            continue
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): face.word})
        for tag, value in (("altName", face.word_alt), ("charset", "86"), ("family", "modern"), ("pitch", "fixed")):
            etree.SubElement(font, qn(f"w:{tag}"), {qn("w:val"): value})
        known.add(face.word)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _head(doc, page: IssueLayout) -> None:
    if page.draft_notice:
        _paragraph(doc, page.draft_notice, fonts.HEI, SI_HAO, align=WD_ALIGN_PARAGRAPH.RIGHT, color=RED)
    _paragraph(doc, page.masthead, fonts.MASTHEAD, XIAO_CHU, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED, exact=None)
    _paragraph(doc, page.number_line, fonts.BODY, SAN_HAO, align=WD_ALIGN_PARAGRAPH.CENTER)
    line = _paragraph(doc, "", fonts.BODY, SAN_HAO)
    text_width = Mm(156)
    line.paragraph_format.tab_stops.add_tab_stop(text_width // 2, WD_TAB_ALIGNMENT.CENTER)
    line.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    set_run_font(line.add_run(f"{page.issuer}\t{page.signer}\t{page.date}"), fonts.BODY, SAN_HAO)
    _rule(line, "E60012", 18)
    if page.recipient:
        _paragraph(doc, page.recipient, fonts.HEI, SAN_HAO)


def _entries(doc, page: IssueLayout) -> None:
    if page.editor_note:
        note = _paragraph(doc, "", fonts.KAI, SAN_HAO, indent=True)
        set_run_font(note.add_run(page.note_label), fonts.HEI, SAN_HAO)
        set_run_font(note.add_run(page.editor_note), fonts.KAI, SAN_HAO)
    if page.contents_heading and len(page.entries) > 1:
        _paragraph(doc, page.contents_heading, fonts.HEI, SAN_HAO)
        for entry in page.entries:
            _paragraph(doc, f"◆ {entry.title}", fonts.KAI, SAN_HAO, indent=True)
    for entry in page.entries:
        _paragraph(doc, "", fonts.BODY, SAN_HAO)
        _paragraph(doc, entry.title, fonts.TITLE, XIAO_ER, align=WD_ALIGN_PARAGRAPH.CENTER, exact=Pt(32))
        for text in entry.paragraphs:
            _paragraph(doc, text, fonts.BODY, SAN_HAO, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        if entry.source:
            _paragraph(doc, f"（{entry.source}）", fonts.KAI, SAN_HAO, align=WD_ALIGN_PARAGRAPH.RIGHT)


def _distribution(doc, page: IssueLayout) -> None:
    if not page.distribution:
        return
    _paragraph(doc, "", fonts.BODY, SAN_HAO)
    for number, line in enumerate(page.distribution):
        paragraph = _paragraph(doc, line, fonts.BODY, SI_HAO)
        if number == 0:
            _rule(paragraph, "000000", 8, "top")
        if number == len(page.distribution) - 1:
            _rule(paragraph, "000000", 8)


def issue_docx(issue: Issue) -> bytes:
    return layout_docx(layout(issue))


def layout_docx(page: IssueLayout) -> bytes:
    """Any document laid out as an IssueLayout, as an editable Word file."""
    doc = Document()
    doc.core_properties.title = f"{page.masthead} {page.number_line}"
    _page(doc)
    _register_fallbacks(doc)
    _head(doc, page)
    _entries(doc, page)
    _distribution(doc, page)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
