"""Article pages: fetch one, extract title, text, date and author with trafilatura."""

from __future__ import annotations

import logging
import warnings
from datetime import datetime, tzinfo

import trafilatura

from yuqing.collect.client import HttpClient
from yuqing.collect.errors import ContentError
from yuqing.collect.items import CollectedItem, Rejected
from yuqing.collect.links import discover_links
from yuqing.text.dates import CHINA_TZ, parse_timestamp
from yuqing.text.urls import canonical_url, host_of

HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
# htmldate finds the publication date; asking for a time too keeps it when the page has one.
DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
MAX_HTML_CHARS = 10_000_000
# Below this, what trafilatura found is a menu item or a caption, not an article (15 characters
# is one short Chinese sentence).
MIN_ARTICLE_CHARS = 15
__all__ = ["discover_links", "extract_article", "fetch_page"]

logging.getLogger("trafilatura").setLevel(logging.ERROR)  # it logs every page it finds no text in


def extract_article(html: str, url: str, naive_tz: tzinfo = CHINA_TZ) -> CollectedItem | Rejected:
    """The article in a page, or a Rejected saying why there is none.

    Page dates rarely carry a time zone; they are read in `naive_tz` (Beijing time by default,
    see yuqing.text.dates).
    """
    document = _extract(html, url)
    if isinstance(document, Rejected):
        return document
    text, title = (document.text or "").strip(), (document.title or "").strip()
    if len(text) < MIN_ARTICLE_CHARS:
        reason = f"NoArticle: no article text found on the page ({len(text)} characters; a list page, a video, or a login wall?)"
        return Rejected(reason, {"url": url, "text": text}, url)
    return CollectedItem(
        external_id=canonical_url(url),
        url=canonical_url(url),
        title=title,
        text=text,
        author=(document.author or "").strip(),
        site=(document.sitename or "").strip() or host_of(url),
        published_at=_published(document.date, naive_tz),
        language=document.language or "",
        raw={"url": url, "date": document.date or "", "description": document.description or ""},
    )


def _extract(html: str, url: str) -> trafilatura.settings.Document | Rejected:
    if len(html) > MAX_HTML_CHARS:
        return Rejected(f"PageTooLarge: page is larger than {MAX_HTML_CHARS} characters", {"url": url}, url)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # lxml FutureWarnings raised inside trafilatura
            document = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, include_comments=False, date_extraction_params=DATE_PARAMS
            )
    except Exception as exc:  # untrusted markup: a parser failure is a bad record, not a crash
        return Rejected(f"UnparsablePage: page could not be parsed: {type(exc).__name__}: {exc}", {"url": url}, url)
    if document is None:
        return Rejected("NoArticle: no article found on the page", {"url": url}, url)
    return document


def _published(date: str | None, naive_tz: tzinfo) -> datetime | None:
    try:
        return parse_timestamp(date or None, naive_tz)
    except ValueError:
        return None


def fetch_page(client: HttpClient, url: str, naive_tz: tzinfo = CHINA_TZ) -> CollectedItem | Rejected:
    """Fetch a page and extract its article. Fetch failures raise FetchError subclasses;
    a page that arrives but holds no article is a Rejected (one bad page is not a broken source).
    """
    response = client.get(url, {"Accept": HTML_ACCEPT})
    media_type = response.content_type.split(";", 1)[0].strip().lower()
    if media_type not in HTML_TYPES:
        raise ContentError(f"{response.url} is {media_type}, not a web page; use a page address")
    item = extract_article(response.text, response.url, naive_tz)
    if isinstance(item, CollectedItem) and response.url != url:
        item.raw["requested_url"] = url
    return item
