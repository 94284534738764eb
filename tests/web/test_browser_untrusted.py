"""Collected content is untrusted: in a real browser, nothing in a stored document executes."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tests.web.browser import login
from yuqing.collect.items import CollectedItem
from yuqing.documents.models import Document
from yuqing.documents.store import store_batch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOADS = [
    "<script>window.__pwned = 'script'; alert(1)</script>",
    '<img src=x onerror="window.__pwned=\'img\'">',
    '<svg onload="window.__pwned=\'svg\'"></svg>',
    '"><iframe src="javascript:parent.__pwned=\'iframe\'"></iframe>',
    "<a href=\"javascript:window.__pwned='href'\">点我</a>",
]


def test_search_and_open_a_hostile_document(page, live_server, admin_user):
    text = "永城通报 " + " ".join(PAYLOADS)
    store_batch([CollectedItem(
        external_id="evil", url="javascript:window.__pwned='url'", title="<b onmouseover=\"window.__pwned='title'\">永城标题</b>",
        text=text, author="<script>window.__pwned='author'</script>", site="evil.example",
        published_at=datetime(2026, 11, 1, tzinfo=timezone.utc), raw={"html": PAYLOADS[0]},
    )], None, None)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    login(page, live_server, "boss", "pw-for-tests-1")
    page.fill("input[name=q]", "永城通报")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("ol.doclist a.doctitle")
    assert "1" in page.inner_text("p.count")
    page.click("ol.doclist a.doctitle")
    page.wait_for_selector("article.document")
    page.hover("article.document h1")
    page.click("details summary")
    body = page.inner_text("article.document .body")
    assert "<script>window.__pwned = 'script'; alert(1)</script>" in body  # shown as text
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator("article.document script, article.document img, article.document iframe, article.document svg").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    doc = Document.objects.get()
    assert doc.text == text  # the stored text is kept as collected
