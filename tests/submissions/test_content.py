"""What officers put in: sanitised rich text, attachments with type and size limits, links, diffs."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.submissions.helpers import in_review, new_item
from yuqing.errors import InputError, WorkflowError
from yuqing.submissions import attachments, editing, links
from yuqing.submissions.diff import diff_segments
from yuqing.submissions.models import ReportingPolicy
from yuqing.submissions.richtext import paragraphs, sanitize

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 40


def test_rich_text_is_sanitised():
    dirty = ('<p onclick="x()">第一段<script>alert(1)</script></p><img src=x onerror=alert(1)>'
             '<a href="javascript:alert(1)">坏链接</a><a href="https://example.invalid/">好链接</a><style>p{}</style>')
    clean = sanitize(dirty)
    for bad in ("script", "onclick", "onerror", "<img", "javascript:", "<style"):
        assert bad not in clean
    assert "<p>第一段</p>" in clean and 'href="https://example.invalid/"' in clean and "noopener" in clean
    assert sanitize("第一段\n\n第二段 < 3") == "<p>第一段</p><p>第二段 &lt; 3</p>"
    assert paragraphs("<p>甲&amp;乙</p><p>二<br>三</p><ul><li>四</li></ul>") == ["甲&乙", "二", "三", "四"]


@pytest.mark.django_db
def test_the_body_is_stored_sanitised(office):
    item = new_item(office, body='<p>正文</p><script>alert("x")</script>')
    assert item.body == "<p>正文</p>" and item.versions.get().body == "<p>正文</p>"


def test_diff_is_by_character():
    assert diff_segments("今天上午发生火情", "今天下午发生较大火情") == [
        ("equal", "今天"), ("delete", "上"), ("insert", "下"), ("equal", "午发生"), ("insert", "较大"), ("equal", "火情")]


@pytest.mark.django_db
def test_attachments_types_sizes_and_contents(office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = new_item(office)
    saved = attachments.add_attachment(office.officer_a, item, upload=SimpleUploadedFile("现场照片.PNG", PNG))
    assert saved.content_type == "image/png" and saved.original_name == "现场照片.PNG"
    stored = tmp_path / saved.file.name
    assert stored.exists() and stored.parent.parent.parent.name == "submissions" and "现场" not in stored.name
    refused = {
        "a.exe": b"MZ" + b"\0" * 20,  # type not allowed
        "fake.png": b"MZ" + b"\0" * 20,  # content does not match the name
        "empty.pdf": b"",
    }
    for name, data in refused.items():
        with pytest.raises(InputError, match=name.split(".")[0]):
            attachments.add_attachment(office.officer_a, item, upload=SimpleUploadedFile(name, data))
    ReportingPolicy.objects.create(attachment_max_mb=1)
    with pytest.raises(InputError, match="1 MB"):
        attachments.add_attachment(office.officer_a, item, upload=SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (1024 * 1024)))
    with pytest.raises(WorkflowError):
        attachments.add_attachment(office.officer_b, item, upload=SimpleUploadedFile("b.png", PNG))
    attachments.remove_attachment(office.officer_a, saved)
    assert not stored.exists() and not item.attachments.exists()


@pytest.mark.django_db
def test_no_attachments_once_submitted(office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = in_review(office)
    with pytest.raises(WorkflowError):
        attachments.add_attachment(office.officer_a, item, upload=SimpleUploadedFile("a.png", PNG))


@pytest.mark.django_db
def test_links_to_documents_events_and_the_incident_link_point(office):
    from tests.documents.factories import store_texts
    from yuqing.documents.models import Document

    store_texts(["永城化工厂起火"])
    doc = Document.objects.get()
    Document.objects.filter(pk=doc.pk).update(event_id="ev-1")
    item = new_item(office)
    assert links.add_link(office.officer_a, item, kind="document", ref=str(doc.pk)).label == "永城化工厂起火"
    assert links.add_link(office.officer_a, item, kind="event", ref="ev-1").label == "永城化工厂起火"
    with pytest.raises(InputError):
        links.add_link(office.officer_a, item, kind="document", ref="99999")
    saved = dict(links._resolvers)
    try:
        links._resolvers.pop("incident", None)
        with pytest.raises(InputError, match="incident"):
            links.add_link(office.officer_a, item, kind="incident", ref="1")
        links.register_link_kind("incident", lambda actor, target: "化工厂火情处置" if target == "7" else None)
        assert links.add_link(office.officer_a, item, kind="incident", ref="7").label == "化工厂火情处置"
    finally:
        links._resolvers.clear()
        links._resolvers.update(saved)
    with pytest.raises(WorkflowError):
        links.add_link(office.officer_b, item, kind="event", ref="ev-1")


@pytest.mark.django_db
def test_recategorising_starts_or_drops_the_clocks(office):
    from tests.submissions.helpers import EVENT

    item = new_item(office)
    editing.edit_submission(office.officer_a, item, category="sudden", event_at=EVENT)
    assert item.stage == "first" and item.deadlines.count() == 2
    editing.edit_submission(office.officer_a, item, category="routine")
    assert item.stage == "" and not item.deadlines.exists()
    with pytest.raises(InputError, match="time of the event|时间"):
        editing.edit_submission(office.officer_a, new_item(office, event_at=None), category="sudden")
