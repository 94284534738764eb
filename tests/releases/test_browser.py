"""In real headless Chromium: an editor drafts a release from an incident's statement, the chief
editor signs it, and an anonymous visitor reads the public page and the Atom feed (parsed with
feedparser); nothing internal shows."""

from __future__ import annotations

import feedparser
import pytest

from tests.releases.helpers import INTERNAL, incident_with_statement
from tests.units.factories import PASSWORD
from tests.web.browser import login
from yuqing.releases.models import Release

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "某街道仓库火情通报"


def test_chief_signs_and_an_anonymous_visitor_reads(page, live_server, office):
    _incident, statement = incident_with_statement(office)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    login(page, live_server, "editor", PASSWORD)  # 1. the editor drafts it from the incident's statement
    page.goto(f"{live_server.url}/releases/manage/")
    page.click("#new-release")
    page.select_option("#from-statement select[name=statement]", str(statement.pk))
    page.click("#from-statement button")
    page.wait_for_selector("#release-form textarea[name=text]")
    assert "消防部门迅速到场处置" in page.input_value("#release-form textarea[name=text]")
    page.fill("#release-form input[name=title]", TITLE)
    page.click("#draft-release")
    page.wait_for_selector("#pending")
    assert page.locator("#sign-release").count() == 0  # an editor cannot sign
    release = Release.objects.get()

    page.context.clear_cookies()  # 2. the chief editor signs it
    login(page, live_server, "chief", PASSWORD)
    page.goto(f"{live_server.url}/releases/manage/{release.pk}/")
    page.click("#sign-release")
    page.wait_for_selector("#release-state.published")

    page.context.clear_cookies()  # 3. anyone reads it, without logging in
    page.goto(f"{live_server.url}/releases/")
    article = page.inner_text(f"#release-{release.pk}")
    assert TITLE in article and statement.issuer in article and "消防部门迅速到场处置" in article
    html = page.content()
    assert not [marker for marker in INTERNAL + ["editor", "chief"] if marker in html]
    feed_url = page.get_attribute("link[type='application/atom+xml']", "href")
    body = page.request.get(f"{live_server.url}{feed_url}").body()
    feed = feedparser.parse(body)
    assert not feed.bozo and [e.title for e in feed.entries] == [TITLE]
    assert feed.entries[0].author == statement.issuer and "消防部门迅速到场处置" in feed.entries[0].summary
    assert not [marker for marker in INTERNAL if marker in body.decode()]
    assert dialogs == []
