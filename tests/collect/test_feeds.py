"""Feeds: entries to items, conditional requests, and bad entries as rejects."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tests.collect.fixtures import GBK_TEXT, RSS_FEED
from tests.collect.server import TestSite
from yuqing.collect.client import HttpClient
from yuqing.collect.errors import ContentError
from yuqing.collect.feeds import fetch_feed, parse_feed_bytes


def by_title(result):
    return {item.title: item for item in result.items}


def test_entries_become_items() -> None:
    result = parse_feed_bytes(RSS_FEED.encode(), "http://news.example.cn/rss.xml")
    first = by_title(result)["全市防汛工作会议召开"]
    assert result.title == "测试新闻"
    assert first.external_id == "news-1"
    assert first.url == "http://news.example.cn/a/1.html?a=1&b=2"
    assert first.text == "第一段：会议部署了汛期工作。\n\n第二段：各区要落实责任。\n第二行。"
    assert first.published_at == datetime(2024, 5, 2, 8, 30, tzinfo=timezone.utc)
    assert first.author == "记者 王五" and first.site == "news.example.cn" and first.position == 1


def test_entries_without_id_get_link_or_a_stable_hash() -> None:
    items = by_title(parse_feed_bytes(RSS_FEED.encode(), "http://news.example.cn/rss.xml"))
    assert items["没有编号的新闻"].external_id == "http://news.example.cn/a/2.html"
    assert items["没有编号的新闻"].text == "只有摘要 加粗"
    hashed = items["既无编号也无链接"].external_id
    assert hashed.startswith("entry:")
    again = by_title(parse_feed_bytes(RSS_FEED.encode(), "http://other.example/rss.xml"))
    assert again["既无编号也无链接"].external_id == hashed


def test_an_empty_entry_is_rejected_with_its_reason() -> None:
    result = parse_feed_bytes(RSS_FEED.encode(), "http://news.example.cn/rss.xml")
    assert len(result.items) == 3
    [rejected] = result.rejected
    assert rejected.reason == "NoText: entry has neither title nor text"
    assert rejected.raw["id"].endswith("empty-entry") and rejected.position == 4


def test_gb2312_declared_feed_decodes_gbk_characters() -> None:
    feed = f'<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><title>t</title>' \
           f"<item><title>{GBK_TEXT}</title><guid>g1</guid></item></channel></rss>"
    [item] = parse_feed_bytes(feed.encode("gbk"), "http://x.example/f").items
    assert item.title == GBK_TEXT


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02", b"<html><body>hello</body></html>", b"\x1f\x8b broken gzip"])
def test_junk_is_reported_not_raised(data: bytes) -> None:
    result = parse_feed_bytes(data, "http://x.example/f")
    assert result.items == [] and result.problem


def test_fetch_then_304_when_unchanged(site: TestSite, http: HttpClient) -> None:
    first = fetch_feed(http, site.url("/feed.xml"))
    assert len(first.items) == 3 and first.etag == '"v1"' and not first.not_modified
    second = fetch_feed(http, site.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.items == [] and second.etag == '"v1"'
    last = site.requests_to("/feed.xml")[-1]
    assert last.headers["if-none-match"] == '"v1"' and "if-modified-since" in last.headers


def test_last_modified_alone_also_gives_304(site: TestSite, http: HttpClient) -> None:
    result = fetch_feed(http, site.url("/feed.xml"), last_modified="Thu, 02 May 2024 08:00:00 GMT")
    assert result.not_modified


def test_a_web_page_is_not_a_feed(site: TestSite, http: HttpClient) -> None:
    with pytest.raises(ContentError, match="not a feed"):
        fetch_feed(http, site.url("/not-a-feed.html"))
