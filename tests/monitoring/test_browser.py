"""In real headless Chromium: write a scheme in simple mode, see the live preview, receive the
alert in the inbox when a new post is stored (through the real analysis pipeline), acknowledge it."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect

from tests.web.browser import login, page  # noqa: F401  (fixture)
from yuqing.collect.items import CollectedItem
from yuqing.documents.store import store_batch
from yuqing.monitoring.models import Alert, AlertStep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def store(key: str, text: str) -> None:
    store_batch([CollectedItem(external_id=key, url=f"https://weibo.example/{key}", text=text, site="weibo.example",
                               published_at=datetime.now(timezone.utc))], None, None)


def test_scheme_preview_alert_acknowledge(page, live_server, admin_user):  # noqa: F811
    store("old", "永城东城区一化工厂起火，浓烟很大")
    store("noise", "永城城际公交今天开通")
    login(page, live_server, "boss", "pw-for-tests-1")
    page.goto(f"{live_server.url}/monitoring/new/")
    page.fill("input[name=name]", "永城火情")
    page.fill("textarea[name=place_words]", "永城")
    page.fill("textarea[name=subject_words]", "起火 火灾")
    # (no wait_for_function: the page's CSP forbids the eval it uses)
    expect(page.locator("#preview-expression")).to_contain_text("火灾")
    assert page.inner_text("#preview-count") == "1"
    assert "化工厂起火" in page.inner_text("#preview-list")
    assert page.is_hidden("#advanced-box")
    page.click("#scheme-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/monitoring/*/")
    assert "永城 AND (起火 OR 火灾)" in page.inner_text("main")

    store("new", "永城化工厂再次起火，消防车赶到")  # stored → analysed → matched → alerted
    page.goto(f"{live_server.url}/notifications/")
    page.wait_for_selector("ol.inbox li.unread .doctitle")
    assert "[永城火情]" in page.inner_text("ol.inbox") and page.inner_text("#unread-count") == "1"
    page.click("ol.inbox li.unread .doctitle")
    page.wait_for_selector("#acknowledge")
    assert "待确认" in page.inner_text("#alert-status")
    page.click("#acknowledge")
    expect(page.locator("#alert-status")).to_have_class("status-acknowledged")
    alert = Alert.objects.get()
    assert alert.status == "acknowledged" and alert.acknowledged_by == admin_user
    assert list(AlertStep.objects.filter(alert=alert).values_list("action", flat=True)) == ["raised", "notified", "acknowledged"]


def test_duty_officer_sees_each_story_once_with_its_reasons_and_the_same_count_everywhere(
        page, live_server, admin_user, people, roster, monkeypatch):  # noqa: F811
    from collections import defaultdict

    from tests.monitoring.helpers import at, posts, scheme
    from yuqing import events
    from yuqing.monitoring.percolate import process
    from yuqing.monitoring.schemes import RuleSpec

    monkeypatch.setattr(events, "_handlers", defaultdict(list))  # the posts below carry their analysis already

    scheme(admin_user, "永城 AND 起火", [RuleSpec(kind="every", severity="medium"), RuleSpec(kind="negative", severity="high"),
                                      RuleSpec(kind="spread", min_sites=2)], name="永城火情")
    process(posts({"text": "永城化工厂起火", "event": "A", "site": "a.example"},
                  {"text": "永城化工厂起火，没人管吗", "event": "A", "sentiment": "negative", "site": "b.example"},
                  {"text": "永城仓库起火", "event": "B"}), now=at(1))
    login(page, live_server, "officer", "pw-officer-1")
    page.goto(f"{live_server.url}/monitoring/alerts/")
    assert page.locator("a.alert-title").count() == 2  # two stories, not one row per rule
    story = page.locator("tr", has=page.locator("a.alert-title", has_text="化工厂"))
    assert story.locator(".reason").all_inner_texts() == ["命中", "负面", "跨站扩散"]
    assert page.inner_text("#alert-counts").startswith("2 条待确认")
    page.goto(f"{live_server.url}/monitoring/")
    assert page.inner_text("a.status-new") == "2"
    page.goto(f"{live_server.url}/")
    expect(page.locator("#dash-alert-count")).to_have_text("2 条待确认")
    page.goto(f"{live_server.url}/notifications/")
    assert page.inner_text("#unread-count") == "2"
