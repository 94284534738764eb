"""The Word file read back with python-docx; the PDF rendered to PNG and its fonts checked."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.bulletins.helpers import published_issue
from yuqing.bulletins import actions
from yuqing.bulletins.docx_export import issue_docx
from yuqing.bulletins.pdf_export import issue_pdf

pytestmark = pytest.mark.django_db


def _east_asian_fonts(paragraph) -> set[str]:
    return {run._element.rPr.rFonts.get(qn("w:eastAsia")) for run in paragraph.runs if run.text.strip()}


def test_word_file_reads_back(office):
    office.chief.first_name = "周总编"  # the signer is named by the display name, not the login
    office.chief.save()
    issue = published_issue(office, titles=("甲县推进网络文明建设", "乙区开展政策宣讲", "甲县第二条经验"))
    doc = Document(io.BytesIO(issue_docx(issue)))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "示例宣传信息" and texts[1] == "2026年第1期"
    masthead = doc.paragraphs[0].runs[0]
    assert masthead.font.color.rgb is not None and str(masthead.font.color.rgb) == "E60012"
    assert texts[2].startswith("中共示例市委宣传部编\t签发：周总编\t") and "年" in texts[2]
    assert any("编者按：本期刊发两条经验做法。" == t for t in texts)
    titles = ["甲县推进网络文明建设", "乙区开展政策宣讲", "甲县第二条经验"]
    positions = [texts.index(t) for t in titles]  # the entries, in the issue's order, after the contents
    assert positions == sorted(positions) and texts.count("◆ 乙区开展政策宣讲") == 1
    assert texts[positions[0] + 1] == "第一段。" and "（甲县委宣传部）" in texts
    body = doc.paragraphs[positions[0] + 1]
    assert _east_asian_fonts(body) == {"仿宋_GB2312"} and body.runs[0].font.size.pt == 16
    assert body.paragraph_format.first_line_indent.pt == 32  # two characters
    assert _east_asian_fonts(doc.paragraphs[positions[0]]) == {"方正小标宋简体"}
    assert texts[-3:] == ["报：市委常委", "送：市人大、市政府、市政协", "发：各县（区）委宣传部"]
    section = doc.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    font_table = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml").blob.decode()
    assert 'w:name="仿宋_GB2312"' in font_table and 'w:altName w:val="仿宋"' in font_table
    assert "PAGE" in section.footer._element.xml


def test_a_draft_says_so(office):
    issue = actions.create_issue(office.editor, periodical=published_issue(office).periodical, year=2026)
    texts = [p.text for p in Document(io.BytesIO(issue_docx(issue))).paragraphs]
    assert texts[0] == "草稿 · 未签发" and texts[2] == "2026年第　期"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return path


def test_pdf_embeds_a_chinese_font_and_renders(office, tmp_path):
    issue = published_issue(office)
    pdf = tmp_path / "issue.pdf"
    pdf.write_bytes(issue_pdf(issue))
    fonts = subprocess.run([_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line or "WenQuanYi" in line or "FangSong" in line]
    assert cjk, fonts
    assert all(" yes " in line for line in cjk)  # embedded (the emb column)
    text = subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "示例宣传信息" in text and "2026年第1期" in text and text.index("甲县推进网络文明建设") < text.rindex("乙区开展政策宣讲")
    subprocess.run([_tool("pdftoppm"), "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000


BARE_PDF = """
from yuqing.pdf import html_to_pdf
html = open("issue.html", encoding="utf-8").read()
for name, masthead in (("a", "示例宣传信息"), ("b", "信息宣传示例")):
    open(name + ".pdf", "wb").write(html_to_pdf(html.replace("示例宣传信息", masthead)))
"""


@pytest.mark.slow
def test_pdf_on_a_machine_without_chinese_fonts_shows_real_glyphs(office, tmp_path):
    """The same masthead characters in another order: boxes would look identical, real glyphs do not."""
    from tests.bare_fonts import fontconfig_chinese, page_pixels, run_bare
    from yuqing.bulletins.pdf_export import issue_html

    assert fontconfig_chinese(tmp_path) == ""
    (tmp_path / "issue.html").write_text(issue_html(published_issue(office)), encoding="utf-8")
    done = run_bare(tmp_path, BARE_PDF)
    assert done.returncode == 0, done.stderr
    fonts = subprocess.run([_tool("pdffonts"), str(tmp_path / "a.pdf")], capture_output=True, text=True).stdout
    assert "yuqing-CJK" in fonts and " yes " in fonts.splitlines()[-1], fonts
    assert page_pixels(tmp_path / "a.pdf") != page_pixels(tmp_path / "b.pdf")
