"""A daily briefing as Word, PDF and HTML: read back, rendered, fonts checked, every link followed."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import urlsplit

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn

from tests.briefings.fixtures import store_day
from yuqing.briefings import actions
from yuqing.documents.models import Document

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


@pytest.fixture
def briefing(people):
    docs = store_day()
    made = actions.generate(people["duty"], kind="daily", day=date(2026, 11, 3), base_url=BASE)
    return made, docs


def _document_ids(links: list[str]) -> set[int]:
    return {int(m.group(1)) for link in links if (m := re.fullmatch(r"http://testserver/documents/(\d+)/", link))}


def _resolves(client, link: str) -> bool:
    parts = urlsplit(link)
    return client.get(parts.path + (f"?{parts.query}" if parts.query else "")).status_code == 200


def test_figures_are_right_and_cite_only_the_day(briefing):
    made, docs = briefing
    content = made.content
    overview = content["sections"][0]
    assert overview["key"] == "overview" and "12" in overview["paragraphs"][0]["text"]  # 12 posts on the day
    # negative emotion (4) or a risk post (the calm news report makes 5)
    assert "5" in overview["paragraphs"][1]["text"] and "41.7%" in overview["paragraphs"][1]["text"]
    risk = next(s for s in content["sections"] if s["key"] == "risk")
    assert [r["cells"][:2] for r in risk["table"]["rows"]] == [["事故灾难", "3"]]
    cited = {e["id"] for e in content["evidence"]}
    outside = {docs[-2].pk, docs[-1].pk}  # the day before and the day after
    assert cited and not cited & outside
    assert cited <= set(Document.objects.values_list("pk", flat=True))
    sentiment = next(s for s in content["sections"] if s["key"] == "sentiment")
    rows = {r["cells"][0]: int(r["cells"][1]) for r in sentiment["table"]["rows"]}
    assert sorted(rows.values()) == [3, 4, 5]  # neutral 3, negative 4, positive 5
    events = next(s for s in content["sections"] if s["key"] == "events")
    assert [r["cells"][1:4] for r in events["table"]["rows"]] == [["8", "8", "3"], ["3", "3", "0"]]  # posts, authors, risk posts
    labels = {e["label"]: e["id"] for e in content["evidence"]}
    for section in content["sections"]:
        for para in section["paragraphs"]:
            assert all(ref in labels for ref in para["refs"])


def test_search_links_reproduce_the_counts(briefing, logged_client):
    made, _docs = briefing
    sentiment = next(s for s in made.content["sections"] if s["key"] == "sentiment")
    risk = next(s for s in made.content["sections"] if s["key"] == "risk")
    overview = made.content["sections"][0]["paragraphs"][1]
    counted = [(overview["link"], 5), (risk["paragraphs"][0]["link"], 3)]
    for row in sentiment["table"]["rows"] + risk["table"]["rows"]:
        counted.append((row["link"], int(row["cells"][1])))
    for link, expected in counted:
        parts = urlsplit(link)
        page = logged_client.get(parts.path + "?" + parts.query).content.decode()
        shown = re.search(r'class="count"[^>]*>\D*(\d+)', page)
        assert shown and int(shown.group(1)) == expected, link


def test_word_file_reads_back_with_east_asian_fonts_and_live_evidence_links(briefing, logged_client):
    made, _docs = briefing
    word = WordDocument(BytesIO(actions.render(made, "docx")))
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == made.title and any(t.startswith("1. ") for t in texts)
    assert any("12" in t for t in texts)
    east_asian = {r._element.rPr.rFonts.get(qn("w:eastAsia")) for p in word.paragraphs for r in p.runs if r.text.strip()}
    assert east_asian and None not in east_asian
    assert word.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia"))
    assert len(word.tables) >= 4 and len(word.inline_shapes) >= 2  # tables and the two charts
    links = [rel.target_ref for rel in word.part.rels.values() if rel.reltype.endswith("/hyperlink")]
    cited = {e["id"] for e in made.content["evidence"]}
    assert _document_ids(links) == cited
    for link in links:
        if link.startswith(BASE):
            assert _resolves(logged_client, link), link


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm, pdffonts) is not installed")
def test_pdf_embeds_a_cjk_font_renders_and_links_to_stored_documents(briefing, logged_client, tmp_path):
    made, _docs = briefing
    pdf = tmp_path / "daily.pdf"
    pdf.write_bytes(actions.render(made, "pdf"))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if re.search(r"CJK|WenQuanYi|Hei|Song|Source-Han", line)]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk), fonts  # emb column
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    from PIL import Image

    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    low, high = image.getextrema()
    assert high - low > 100  # text and charts, not a blank page
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert made.title in text.replace("\n", "") and "永城" in text
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", str(pdf)], capture_output=True, text=True, check=True).stdout
    links = set(re.findall(r'<a href="(http[^"]+)"', xml.replace("&amp;", "&")))
    assert _document_ids(links) == {e["id"] for e in made.content["evidence"]}
    originals = {e["url"] for e in made.content["evidence"]}
    for link in links:
        assert _resolves(logged_client, link) if link.startswith(BASE) else link in originals, link


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def test_html_file_references_land_on_the_evidence_list(briefing, logged_client):
    made, _docs = briefing
    parser = _Links()
    parser.feed(actions.render(made, "html").decode())
    anchors = {h[1:] for h in parser.hrefs if h.startswith("#")}
    assert anchors and anchors <= parser.ids
    stored = [h for h in parser.hrefs if "/documents/" in h and "?" not in h]
    assert _document_ids(stored) == {e["id"] for e in made.content["evidence"]}
    assert all(_resolves(logged_client, h) for h in stored[:10])
