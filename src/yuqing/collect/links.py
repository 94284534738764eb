"""Article links on a list page, for "news site" sources whose address is a section or forum page."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from yuqing.text.urls import canonical_url, host_of

# An article address usually carries an id or a date: a run of 4+ digits somewhere in the path
# (news.163.com/20/0802/13/FJ1E....html, tieba.baidu.com/p/6401593389, thread-147110-1-1.html).
_ITEM_PATH = re.compile(r"\d{4,}")
_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "ac", "co"})


def site_domain(host: str) -> str:
    """The registrable part of a host, approximately: news.163.com -> 163.com, www.gov.cn -> www.gov.cn.

    Without the public suffix list this treats com/net/org/gov/edu/ac/co under a two-letter
    country code as a suffix (sina.com.cn -> sina.com.cn), which covers Chinese sites.
    """
    labels = host.lower().rstrip(".").split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def discover_links(html: str, base_url: str, pattern: str | None = None) -> list[str]:
    """Canonical article URLs on the page, in page order, without duplicates.

    With `pattern` (a regular expression searched in the absolute URL) exactly the matching
    links on the same site are returned; without it, links whose path looks like an item
    (contains a run of 4+ digits). Links to other sites are always left out.
    """
    matcher = re.compile(pattern) if pattern else None
    base, hrefs = _hrefs(html, base_url)
    domain = site_domain(host_of(base_url))
    found: dict[str, None] = {}
    for href in hrefs:
        url = _absolute(base, href)
        if url is None or site_domain(host_of(url)) != domain:
            continue
        if (matcher.search(url) if matcher else _looks_like_item(url)) and url != canonical_url(base_url):
            found.setdefault(canonical_url(url), None)
    return list(found)


def _hrefs(html: str, base_url: str) -> tuple[str, list[str]]:
    """The page's effective base (<base href> wins over the page URL) and all <a href> values."""
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return base_url, []
    declared = root.xpath("//base/@href")
    base = urljoin(base_url, declared[0].strip()) if declared and declared[0].strip() else base_url
    return base, [str(h) for h in root.xpath("//a/@href")]


def _absolute(base: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    try:
        url = urljoin(base, href)
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.hostname else None


def _looks_like_item(url: str) -> bool:
    return bool(_ITEM_PATH.search(urlsplit(url).path))
