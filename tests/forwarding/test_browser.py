"""In real headless Chromium: the editor forwards two adopted items to the provincial department,
edits one for the higher level, sends the batch, downloads the Word file (read back with
python-docx) and records the provincial adoption, which the item then carries."""

from __future__ import annotations

import io

import pytest

from tests.forwarding.helpers import items, province
from tests.units.factories import PASSWORD
from tests.web.browser import login
from yuqing.forwarding.models import Batch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_forwards_adopted_items(page, live_server, office):
    first, second = items(office)
    province()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    login(page, live_server, "editor", PASSWORD)
    page.goto(f"{live_server.url}/forwarding/")
    page.fill("#new-batch input[name=phone]", "0000-1234567")
    page.click("#create-batch")
    page.wait_for_selector("#candidates")
    for title in (first.title, second.title):
        page.locator("#candidates li", has_text=title).locator("button").click()
        page.wait_for_selector(f"#preview h2:has-text('{title}')")
    entry = Batch.objects.get().entries.get(submission=first)
    box = page.locator(f"#entry-{entry.pk}")
    box.locator("details.edit-entry summary").click()
    box.locator("textarea[name=body]").fill("甲县开展网络文明进万家活动，覆盖全县12个乡镇。")
    box.locator("button[type=submit]", has_text="保存").click()
    page.wait_for_selector(f"#entry-{entry.pk} .edited")
    page.click("#send-batch")
    page.wait_for_selector("#batch-state.sent")
    with page.expect_download() as download:
        page.click("#export-docx")
    from docx import Document

    texts = [p.text for p in Document(io.BytesIO(open(download.value.path(), "rb").read())).paragraphs]
    batch = Batch.objects.get()
    assert texts[0] == "信息报送单" and texts[1] == f"编号：{batch.year}年第1号"
    assert "报送：省委宣传部信息处" in texts and "甲县开展网络文明进万家活动，覆盖全县12个乡镇。" in texts
    assert "（乙区委宣传部）" in texts
    form = page.locator(f"#outcome-{entry.pk} form")
    form.locator("select[name=level]").select_option("provincial")
    form.locator("input[name=on]").fill("2026-11-30")
    form.locator("input[name=evidence]").fill("《宣传信息》2026年第21期")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(f"#outcome-{entry.pk} .state.adopted")
    assert first.adoptions.get(level="provincial").evidence == "省委宣传部信息处：《宣传信息》2026年第21期"
    assert dialogs == []
