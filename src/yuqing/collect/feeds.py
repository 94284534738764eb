"""RSS, Atom and RDF feeds: fetch with conditional requests, parse with feedparser, map entries."""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass, field

import feedparser

from yuqing.collect.client import HttpClient
from yuqing.collect.entries import entry_to_item
from yuqing.collect.errors import ContentError
from yuqing.collect.items import CollectedItem, Rejected
from yuqing.text.urls import host_of

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


@dataclass
class FeedResult:
    """One feed read. `problem` says why it yielded no items ("" when it yielded some)."""

    items: list[CollectedItem] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    title: str = ""
    problem: str = ""
    url: str = ""


def fetch_feed(client: HttpClient, url: str, etag: str | None = None, last_modified: str | None = None) -> FeedResult:
    """Fetch and parse a feed. 304 Not Modified gives `not_modified=True` and no items.

    Pass the etag/last_modified of the previous result to make the request conditional.
    """
    headers = {"Accept": FEED_ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    response = client.get(url, headers)
    if response.status == 304:
        return FeedResult(etag=etag, last_modified=last_modified, not_modified=True, url=response.url, problem="not modified (304)")
    # httpx has already undone Content-Encoding; feedparser must not try again.
    passed = {k: v for k, v in response.headers.items() if k.lower() != "content-encoding"}
    result = parse_feed_bytes(response.content, response.url, passed)
    if result.problem.startswith("not a feed"):
        raise ContentError(f"{response.url} is {result.problem}. Check that the address is the feed, not the site")
    result.etag = response.headers.get("etag") or None
    result.last_modified = response.headers.get("last-modified") or None
    return result


def parse_feed_bytes(data: bytes, url: str, headers: dict[str, str] | None = None) -> FeedResult:
    """Parse feed bytes (from a file or a response). Never raises on bad input: see `problem`.

    `headers` are the HTTP response headers, if any (their charset takes part in decoding).
    """
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    headers.setdefault("content-location", url)  # base for relative links in the feed
    headers.setdefault("content-type", "application/xml")  # neutral: the XML declaration decides
    try:
        body = _decompress(data, headers.pop("content-encoding", ""))
    except (OSError, EOFError, zlib.error) as exc:
        return FeedResult(url=url, problem=f"compressed data is corrupt: {exc}")
    # A BytesIO, never bytes or str: given those, feedparser tries them as a file name or URL.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=True)
    return _result(parsed, url)


def _decompress(data: bytes, declared: str) -> bytes:
    if data[:2] == b"\x1f\x8b" or "gzip" in declared:
        return gzip.decompress(data)
    if _looks_like_zlib(data) or "deflate" in declared:
        try:
            return zlib.decompress(data)
        except zlib.error:
            return zlib.decompress(data, -zlib.MAX_WBITS)  # raw deflate, as some servers send it
    return data


def _looks_like_zlib(data: bytes) -> bool:
    return len(data) > 2 and data[0] == 0x78 and (data[0] * 256 + data[1]) % 31 == 0


def _result(parsed: feedparser.FeedParserDict, url: str) -> FeedResult:
    result = FeedResult(url=url, title=str(parsed.feed.get("title", "")))
    site = host_of(str(parsed.feed.get("link", ""))) or host_of(url)
    language = str(parsed.feed.get("language", ""))
    for index, entry in enumerate(parsed.entries):
        outcome = entry_to_item(entry, site, language, f"{url} entry {index + 1}", index + 1)
        (result.items if isinstance(outcome, CollectedItem) else result.rejected).append(outcome)
    result.problem = _problem(parsed, result)
    return result


def _problem(parsed: feedparser.FeedParserDict, result: FeedResult) -> str:
    if result.items:
        return ""
    if result.rejected:
        return f"all {len(result.rejected)} entries rejected (first: {result.rejected[0].reason})"
    if parsed.bozo and not parsed.version:
        return f"not a feed: {_bozo(parsed)}"
    if parsed.bozo:
        return f"no entries (feed is ill-formed: {_bozo(parsed)})"
    return "no entries"


def _bozo(parsed: feedparser.FeedParserDict) -> str:
    exc = parsed.get("bozo_exception")
    return f"{type(exc).__name__}: {exc}" if exc else "unknown parse error"

