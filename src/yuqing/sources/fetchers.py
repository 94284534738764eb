"""Per-kind fetching for web sources; yields items and rejects for the store."""

from __future__ import annotations

import hashlib
from typing import Iterator

from yuqing.collect.config import ClientConfig
from yuqing.collect.items import CollectedItem, Rejected
from yuqing import failures
from yuqing.errors import FetchError
from yuqing.sources.models import Source

MAX_LINKS_PER_RUN = 50


def make_client(config: ClientConfig):
    """A client for one source run, pacing and checking robots.txt together with every other
    source on the same host (yuqing.collect.politeness)."""
    from yuqing.collect.client import HttpClient
    from yuqing.collect.politeness import shared

    return HttpClient(config, politeness=shared(config))


def fetch(source: Source, client) -> Iterator[CollectedItem | Rejected]:
    if source.kind == Source.Kind.FEED:
        return _feed(source, client)
    if source.kind == Source.Kind.RSSHUB:
        return _rsshub(source, client)
    if source.kind == Source.Kind.PAGE:
        return iter([_page(client, source.url)])
    if source.kind == Source.Kind.SITE:
        return _site(source, client)
    raise ValueError(f"source kind {source.kind} is not fetched over HTTP")


def _feed(source: Source, client) -> Iterator[CollectedItem | Rejected]:
    from yuqing.collect.feeds import fetch_feed

    result = fetch_feed(client, source.url, source.etag or None, source.last_modified or None)
    source.etag = result.etag or ""
    source.last_modified = result.last_modified or ""
    yield from result.items
    yield from result.rejected


def _rsshub(source: Source, client) -> Iterator[CollectedItem | Rejected]:
    """An RSSHub route: a feed whose items carry the route's platform and site."""
    from yuqing.sources.rsshub import platform_of, route_of, site_of

    route = source.options.get("route") or route_of(source.url, source.options.get("base", ""))
    platform, site = platform_of(route), site_of(route)
    for record in _feed(source, client):
        if isinstance(record, CollectedItem):
            record.platform = record.platform or platform
            record.site = site or record.site
        yield record


def _page(client, url: str) -> CollectedItem | Rejected:
    from yuqing.collect.pages import fetch_page

    return fetch_page(client, url)


def _site(source: Source, client) -> Iterator[CollectedItem | Rejected]:
    """A list page: discover article links, fetch the ones not stored yet."""
    from yuqing.collect.pages import discover_links
    from yuqing.text.urls import canonical_url
    from yuqing.documents.models import Document

    listing = client.get(source.url)
    links = discover_links(listing.text, listing.url, source.options.get("link_pattern"))
    keys = {"u:" + hashlib.sha1(canonical_url(link).encode()).hexdigest(): link for link in links}
    known = set(Document.objects.filter(dedup_key__in=list(keys)).values_list("dedup_key", flat=True))
    for key, link in list(keys.items())[:MAX_LINKS_PER_RUN]:
        if key in known:
            continue
        try:
            yield _page(client, link)
        except FetchError as error:  # one broken article must not fail the whole site
            yield Rejected(reason=failures.stored(error), raw=link, where=link)
