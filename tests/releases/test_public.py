"""The public pages as an anonymous visitor: the list, one release, the Atom feed (parsed with
feedparser) and the JSON feed. Nothing internal reaches any of them."""

from __future__ import annotations

import json
from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse

from tests.releases.helpers import AT, INTERNAL, TEXT, published
from yuqing.releases import actions

pytestmark = pytest.mark.django_db


def _public_pages(client, release) -> dict[str, str]:
    urls = [reverse("releases:list"), reverse("releases:detail", args=[release.pk]), reverse("releases:feed"),
            reverse("releases:json")]
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


def test_an_anonymous_visitor_reads_the_list_and_one_release(client, office):
    release = published(office)
    page = client.get(reverse("releases:list")).content.decode()
    assert "某街道仓库火情通报" in page and "示例市人民政府新闻办公室" in page and "消防部门迅速到场处置" in page
    assert "2026-11-26 10:30" in page  # local time
    assert client.get(reverse("releases:detail", args=[release.pk])).status_code == 200


def test_drafts_are_not_found_by_the_public(client, office):
    draft = actions.draft_release(office.editor, title="草稿标题-未签发", issuer="新闻办", text="草稿正文")
    assert client.get(reverse("releases:detail", args=[draft.pk])).status_code == 404
    for text in _public_pages(client, published(office)).values():
        assert "草稿标题-未签发" not in text and "草稿正文" not in text


def test_the_atom_feed_parses_and_carries_corrections(client, office):
    release = published(office)
    actions.propose_correction(office.editor, release, text="火情已扑灭，过火面积约200平方米。", reason="补充过火面积")
    actions.sign(office.chief, release, now=AT + timedelta(hours=2))
    response = client.get(reverse("releases:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10" and len(feed.entries) == 1
    entry = feed.entries[0]
    assert entry.title == "某街道仓库火情通报（已更正）" and entry.author == "示例市人民政府新闻办公室"
    assert entry.link == f"http://testserver/releases/{release.pk}/"
    assert "过火面积约200平方米" in entry.summary and "补充过火面积" in entry.summary
    assert entry.published_parsed[:5] == (2026, 11, 26, 2, 30) and entry.updated_parsed[:5] == (2026, 11, 26, 4, 30)


def test_the_json_feed_lists_every_published_version(client, office):
    release = published(office)
    actions.propose_withdrawal(office.editor, release, reason="以后续通报为准")
    actions.sign(office.chief, release, now=AT + timedelta(hours=1))
    data = json.loads(client.get(reverse("releases:json")).content)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    [item] = data["items"]
    assert item["authors"] == [{"name": "示例市人民政府新闻办公室"}] and item["_yuqing"]["withdrawn"]
    assert [(v["number"], v["kind"], v["reason"]) for v in item["_yuqing"]["versions"]] == [
        (2, "withdrawal", "以后续通报为准"), (1, "original", "")]
    assert item["content_text"] == TEXT and "以后续通报为准" in item["summary"]


def test_nothing_internal_leaks(client, office):
    release = published(office)
    actions.propose_correction(office.editor, release, text="更正后的通报正文。", reason="更正数字")  # awaiting sign-off
    staff = ["editor", "chief", office.editor.email, office.chief.email]
    for url, text in _public_pages(client, release).items():
        leaked = [marker for marker in INTERNAL + staff + ["更正后的通报正文"] if marker in text]
        assert not leaked, (url, leaked)
        assert "csrfmiddlewaretoken" not in text and "/logout/" not in text


def test_the_public_pages_need_no_login_but_the_office_pages_do(client, office):
    published(office)
    assert client.get(reverse("releases:list")).status_code == 200
    manage = client.get(reverse("releases:manage"))
    assert manage.status_code == 302 and "/login/" in manage["Location"]
