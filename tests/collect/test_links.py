"""Link discovery on list pages: the four real list pages, and the rules on small pages of our own."""

from __future__ import annotations

import re

import pytest

from tests.collect.server import TestSite
from tests.shared_data import shared_path
from yuqing.collect.client import HttpClient
from yuqing.collect.links import discover_links, site_domain

LIST_PAGES = [
    # page, the URL it was served from, what its article links look like, how many at least
    ("163/1.html", "https://news.163.com/", r"^https?://news\.163\.com/\d\d/\d{4}/\d\d/\w+\.html$", 40),
    ("163/2.html", "https://news.163.com/domestic/", r"^https?://news\.163\.com/\d\d/\d{4}/\d\d/\w+\.html$", 40),
    ("tieba/1.html", "https://tieba.baidu.com/f?kw=abc", r"^https?://tieba\.baidu\.com/p/\d+$", 30),
    ("netease_forum/1.html", "https://n.netease.com/forum-1.html", r"^https://n\.netease\.com/thread-\d+-1-1\.html$", 30),
]


@pytest.mark.parametrize(("page", "base", "article", "minimum"), LIST_PAGES)
def test_real_list_pages_yield_their_articles(page: str, base: str, article: str, minimum: int) -> None:
    html = (shared_path("html/chinese_news_pages/list_pages") / page).read_text(encoding="utf-8")
    links = discover_links(html, base)
    articles = [link for link in links if re.match(article, link)]
    assert len(articles) >= minimum
    assert len(set(links)) == len(links)
    assert all(site_domain(re.sub(r"^https?://([^/:]+).*", r"\1", link)) == site_domain(base.split("/")[2]) for link in links)


@pytest.mark.parametrize(("page", "base", "article", "minimum"), LIST_PAGES)
def test_a_pattern_selects_exactly_the_matching_links(page: str, base: str, article: str, minimum: int) -> None:
    html = (shared_path("html/chinese_news_pages/list_pages") / page).read_text(encoding="utf-8")
    links = discover_links(html, base, pattern=article)
    assert len(links) >= minimum and all(re.search(article, link) for link in links)


def test_rules_on_a_small_page() -> None:
    html = """<html><head><base href="https://news.example.cn/list/"></head><body>
      <a href="2024/0501/123456.html?utm_source=x">相对链接</a>
      <a href="https://news.example.cn/list/2024/0501/123456.html">同一篇</a>
      <a href="https://sports.example.cn/a/98765.html">同站子域</a>
      <a href="https://other.example.com/a/98765.html">外站</a>
      <a href="/about">关于</a> <a href="javascript:void(0)">js</a> <a href="#top">顶部</a>
      <a href="mailto:a@b.cn">信</a> <a href="http://[bad/1234">坏链接</a>
    </body></html>"""
    assert discover_links(html, "https://news.example.cn/index.html") == [
        "https://news.example.cn/list/2024/0501/123456.html",
        "https://sports.example.cn/a/98765.html",
    ]


def test_junk_html_gives_no_links() -> None:
    assert discover_links("", "https://x.example/") == []
    assert discover_links("\x00<<a", "https://x.example/") == []


@pytest.mark.parametrize(("host", "domain"), [
    ("news.163.com", "163.com"), ("www.sina.com.cn", "sina.com.cn"), ("sina.com.cn", "sina.com.cn"),
    ("www.gov.cn", "www.gov.cn"), ("www.beijing.gov.cn", "beijing.gov.cn"), ("a.b.people.com.cn", "people.com.cn"), ("localhost", "localhost"),
])
def test_site_domain(host: str, domain: str) -> None:
    assert site_domain(host) == domain


def test_list_page_served_over_http(site: TestSite, http: HttpClient) -> None:
    shared_path("html/chinese_news_pages/list_pages")
    response = http.get(site.url("/zh/list_pages/tieba/1.html"))
    links = discover_links(response.text, response.url)
    # Relative thread links (/p/123) now belong to the test server; absolute ones to tieba stay out.
    assert len([link for link in links if link.startswith(site.url("/p/"))]) >= 10
    assert not any("baidu.com" in link for link in links)
