"""The forwarding pages and the command, as the roles that use them; unit users open no batch."""

from __future__ import annotations

import argparse
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from tests.forwarding.helpers import draft_batch, items, province, sent_batch
from yuqing.commands import forwarding as command
from yuqing.errors import InputError
from yuqing.forwarding.models import Batch

pytestmark = pytest.mark.django_db


def test_an_editor_composes_sends_and_records_on_the_pages(client, office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    first, second = items(office)
    client.force_login(office.editor)
    client.post(reverse("forwarding:list"), {"body": province().pk, "sender": "示例市委宣传部", "contact": "张编辑"})
    batch = Batch.objects.get()
    page = client.get(reverse("forwarding:detail", args=[batch.pk])).content.decode()
    assert first.title in page and second.title in page  # both offered
    for item in (first, second):
        client.post(reverse("forwarding:act", args=[batch.pk, "add"]), {"submission": item.pk})
    entry = batch.entries.get(submission=first)
    client.post(reverse("forwarding:act", args=[batch.pk, "edit"]), {
        "entry": entry.pk, "title": first.title, "body": "甲县开展网络文明进万家活动，成效明显。", "source_label": "甲县委宣传部"})
    page = client.get(reverse("forwarding:detail", args=[batch.pk])).content.decode()
    assert "<del>" in page and "成效明显" in page  # the edit against the unit's original
    client.post(reverse("forwarding:act", args=[batch.pk, "send"]))
    batch.refresh_from_db()
    assert batch.number == 1
    scan = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png")
    client.post(reverse("forwarding:act", args=[batch.pk, "outcome"]), {
        "entry": entry.pk, "adopted": "1", "level": "provincial", "on": "2026-11-30", "evidence": "第21期", "scan": scan})
    assert first.adoptions.filter(level="provincial").exists()
    assert client.get(reverse("forwarding:evidence", args=[batch.pk, entry.pk])).status_code == 200
    docx = client.get(reverse("forwarding:export", args=[batch.pk, "docx"]))
    texts = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert f"编号：{batch.year}年第1号" in texts and "甲县开展网络文明进万家活动，成效明显。" in texts


def test_the_unit_sees_on_its_item_where_it_went_and_what_came_of_it(client, office):
    batch = sent_batch(office)
    entry = batch.entries.get(submission__unit=office.county_a)
    from yuqing.forwarding.outcomes import record_outcome

    record_outcome(office.editor, entry, adopted=True, level="provincial", evidence="第21期")
    client.force_login(office.officer_a)
    page = client.get(reverse("submissions:detail", args=[entry.submission_id])).content.decode()
    assert "省委宣传部信息处" in page and "2026年第1号" in page and "第21期" in page


@pytest.mark.parametrize("role", ["officer_a", "head_a"])
def test_unit_users_open_no_batch(client, office, role):
    batch = sent_batch(office)
    client.force_login(getattr(office, role))
    assert client.get(reverse("forwarding:list")).status_code == 403
    for url in (reverse("forwarding:detail", args=[batch.pk]), reverse("forwarding:export", args=[batch.pk, "docx"])):
        assert client.get(url).status_code == 403  # the role matrix: the same for every batch, existing or not
    assert client.post(reverse("forwarding:act", args=[batch.pk, "outcome"]), {"adopted": "0"}).status_code == 403


def test_a_leader_reads_but_does_not_forward(client, office):
    batch = draft_batch(office)
    client.force_login(office.leader)
    assert client.get(reverse("forwarding:detail", args=[batch.pk])).status_code == 200
    client.post(reverse("forwarding:act", args=[batch.pk, "send"]))
    batch.refresh_from_db()
    assert batch.number is None


def _args(**values) -> argparse.Namespace:
    return argparse.Namespace(home=None, action="export", **values)


def test_the_export_command(office, tmp_path):
    with pytest.raises(InputError):
        command.find_batch(None, True)
    batch = sent_batch(office)
    out = tmp_path / "报送单.docx"
    assert command.find_batch(None, True) == batch and command.find_batch("2026-1", False) == batch
    assert command.find_batch(str(batch.pk), False) == batch
    with pytest.raises(InputError, match="2026-9"):
        command.find_batch("2026-9", False)
    from yuqing.forwarding.exports import batch_docx

    out.write_bytes(batch_docx(batch))
    assert Document(str(out)).paragraphs[1].text == "编号：2026年第1号"
