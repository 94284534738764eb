"""Composing a forwarding batch (报送单): adopted items only, light edits kept apart from the
unit's original, numbering on sending, a sent batch never changes; the Word and PDF exports."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile

import pytest
from docx import Document

from tests.bulletins.helpers import adopted_item
from tests.forwarding.helpers import SENT_ON, draft_batch, items, province, sent_batch
from tests.submissions.helpers import in_review
from yuqing.errors import InputError, WorkflowError
from yuqing.forwarding import actions
from yuqing.forwarding.exports import batch_docx, batch_pdf

pytestmark = pytest.mark.django_db


def test_only_adopted_items_go_up_and_only_editors_forward(office):
    batch = draft_batch(office)
    with pytest.raises(WorkflowError):
        actions.add_entry(office.editor, batch, submission=in_review(office, title="还在审核"))
    with pytest.raises(WorkflowError):
        actions.add_entry(office.editor, batch, submission=batch.entries.first().submission)
    with pytest.raises(WorkflowError):
        actions.create_batch(office.officer_a, body=province(), sender="甲县")
    with pytest.raises(WorkflowError):
        actions.create_batch(office.leader, body=province(), sender="示例市委宣传部")


def test_the_forwarded_wording_is_its_own_version_and_the_original_stays(office):
    batch = draft_batch(office)
    entry = batch.entries.first()
    original = entry.submission
    actions.edit_entry(office.editor, entry, title="甲县网络文明建设成效明显", body="甲县开展网络文明进万家活动，覆盖全县。",
                       source_label="甲县委宣传部")
    original.refresh_from_db()
    assert original.title == "甲县推进网络文明建设" and "累计宣讲120场" in original.body and original.version == 1
    entry.refresh_from_db()
    assert (entry.title, entry.source_version, entry.edited_by) == ("甲县网络文明建设成效明显", 1, office.editor)
    with pytest.raises(InputError):
        actions.edit_entry(office.editor, entry, title="", body="x", source_label="")


def test_sending_numbers_the_batch_per_year_and_freezes_it(office):
    first_items = items(office)
    first = sent_batch(office, first_items[0])
    second = sent_batch(office, adopted_item(office, "第三条"))
    assert (first.number, second.number, first.label, first.sent_on) == (1, 2, "2026年第1号", SENT_ON)
    entry = first.entries.get()
    for attempt in (lambda: actions.edit_entry(office.editor, entry, title="改", body="改", source_label=""),
                    lambda: actions.add_entry(office.editor, first, submission=first_items[1]),
                    lambda: actions.remove_entry(office.editor, entry), lambda: actions.send(office.editor, first)):
        with pytest.raises(WorkflowError):
            attempt()
    with pytest.raises(WorkflowError):
        actions.send(office.editor, actions.create_batch(office.editor, body=province(), sender="示例市委宣传部"))


def test_the_order_is_the_offices(office):
    batch = draft_batch(office)
    second = batch.entries.last()
    actions.move_entry(office.editor, second, up=True)
    assert [e.title for e in batch.entries.all()] == ["乙区开展政策宣讲", "甲县推进网络文明建设"]


def test_the_word_file_reads_back_in_the_usual_layout(office):
    batch = draft_batch(office)
    entry = batch.entries.first()
    actions.edit_entry(office.editor, entry, title=entry.title, body="甲县开展网络文明进万家活动。\n报送时补充：已在全县推广。",
                       source_label=entry.source_label)
    draft = [p.text for p in Document(io.BytesIO(batch_docx(batch))).paragraphs]
    assert draft[0] == "草稿 · 未报送" and draft[2] == "编号：2026年第　号"
    actions.send(office.editor, batch, sent_on=SENT_ON)
    doc = Document(io.BytesIO(batch_docx(batch)))
    texts = [p.text for p in doc.paragraphs]
    assert texts[:3] == ["信息报送单", "编号：2026年第1号", "报送单位：示例市委宣传部\t联系人：张编辑　电话：0000-1234567\t2026年11月27日"]
    assert texts[3] == "报送：省委宣传部信息处" and "本期要目" not in texts
    first, second = texts.index("甲县推进网络文明建设"), texts.index("乙区开展政策宣讲")
    assert first < second and texts[first + 1: first + 4] == ["甲县开展网络文明进万家活动。", "报送时补充：已在全县推广。", "（甲县委宣传部）"]
    assert texts[second + 1: second + 3] == ["乙区组织政策宣讲团。", "（乙区委宣传部）"]
    assert str(doc.paragraphs[0].runs[0].font.color.rgb) == "E60012"


def test_the_pdf_has_the_same_text(office):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    data = batch_pdf(sent_batch(office))
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        text = subprocess.run(["pdftotext", handle.name, "-"], capture_output=True, text=True, check=True).stdout
    compact = "".join(text.split())
    assert data[:5] == b"%PDF-" and "信息报送单" in compact and "编号：2026年第1号" in compact
    assert "报送：省委宣传部信息处" in compact and "（乙区委宣传部）" in compact
