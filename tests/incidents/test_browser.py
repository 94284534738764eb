"""In real headless Chromium: take an alert up (which opens its incident), add a task and a statement,
generate the special report, close the incident."""

from __future__ import annotations

import pytest

from tests.briefings.fixtures import store_day
from tests.web.browser import login
from yuqing.briefings.models import Briefing
from yuqing.documents.models import Document
from yuqing.incidents.models import Incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def alert():
    from yuqing.monitoring.models import Alert, AlertRule, Scheme

    store_day()
    scheme = Scheme.objects.create(name="永城化工厂", expression="永城 AND 化工厂")
    rule = AlertRule.objects.create(scheme=scheme, kind=AlertRule.Kind.EVENT_PLACE, severity="high")
    made = Alert.objects.create(scheme=scheme, group_key="event:ev-fire", severity="high",
                                title="永城出现新事件：化工厂起火", document_count=3)
    made.reasons.create(rule=rule, kind=rule.kind, severity="high")
    made.documents.set(Document.objects.filter(event_id="ev-fire")[:3])
    return made


def test_from_alert_to_a_closed_incident_with_its_special_report(page, live_server, admin_user, alert):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    login(page, live_server, "boss", "pw-for-tests-1")
    page.goto(f"{live_server.url}/monitoring/alerts/{alert.pk}/")
    page.click("#take")
    page.wait_for_selector("#timeline")
    incident = Incident.objects.get(alert_id=alert.pk)
    assert page.url.endswith(f"/incidents/{incident.pk}/")
    assert "永城出现新事件" in page.inner_text("h1")
    assert page.locator("ol.timeline li").count() >= 5  # first post, peak, key posts... from the alert's event
    assert page.locator("#hourly-chart canvas").count() == 1

    # One pane at a time, each with at most one primary action (issue 12, item 10: not a wall of forms)
    tabs = page.locator("nav.tabs a")
    assert tabs.count() == 5 and page.locator(".tabpane:visible").count() == 1
    for n in range(tabs.count()):
        tabs.nth(n).click()
        assert page.locator(".tabpane:visible").count() == 1
        assert page.locator(".tabpane:visible button.primary").count() <= 1
    assert page.locator("button.primary:visible").count() <= 2  # the pane's, and the page's own (start the response)

    page.click("nav.tabs a[href='#pane-response']")
    page.fill("#task-form input[name=title]", "核实火情并联系应急管理局")
    page.click("#task-form button[type=submit]")
    page.wait_for_selector("ul.tasks li:has-text('核实火情')")  # back at #tasks: its pane is the one open

    page.click("nav.tabs a[href='#pane-statements']")
    page.fill("#statement-form textarea[name=text]", "火情已得到控制，未造成人员伤亡。")
    page.fill("#statement-form input[name=channel]", "官方微博")
    page.fill("#statement-form input[name=issuer]", "市政府新闻办公室")
    page.click("#statement-form button[type=submit]")
    page.wait_for_selector("#statements li:has-text('市政府新闻办公室')")

    page.click("#make-report")
    page.wait_for_selector("article.briefing .report-title")
    briefing = Briefing.objects.get(incident=incident)
    assert page.inner_text(".report-title") == briefing.title
    assert "市政府新闻办公室" in page.inner_text("article.briefing")
    first_ref = page.locator("article.briefing a.ref").first
    first_ref.click()
    assert page.locator(first_ref.get_attribute("href")).count() == 1  # lands on the list of sources

    page.goto(f"{live_server.url}/incidents/{incident.pk}/")
    assert page.locator("#pane-course").is_visible() and not page.locator("#close-form").is_visible()
    page.click("nav.tabs a[href='#pane-close']")
    page.fill("#close-form textarea[name=lessons]", "首条通报应在一小时内发布")
    page.click("#close-form button[type=submit]")
    page.wait_for_selector("#summary")
    incident.refresh_from_db()
    assert incident.state == Incident.State.CLOSED and incident.summary["reach"]["documents"] == 8
    assert "首条通报应在一小时内发布" in page.inner_text("#summary")
    assert errors == []
