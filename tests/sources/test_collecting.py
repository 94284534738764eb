"""Collecting web sources end to end against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.collect.conftest import fast_config
from tests.collect.server import TestSite
from tests.shared_data import SHARED_DATA
from yuqing.collect.client import HttpClient
from yuqing.documents.models import Document
from yuqing.documents.search import count
from yuqing.sources.collecting import collect_due, collect_source
from yuqing.sources.models import Source

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def site():
    server = TestSite("disallow", SHARED_DATA if SHARED_DATA.exists() else None).start()
    yield server
    server.stop()


@pytest.fixture
def http():
    with HttpClient(fast_config()) as client:
        yield client


def _source(kind: str, url: str, **extra) -> Source:
    return Source.objects.create(name=url, kind=kind, url=url, next_run_at=timezone.now(), **extra)


def test_feed_is_collected_then_not_modified(site, http):
    source = _source("feed", site.url("/feed.xml"))
    first = collect_source(source, client=http)
    assert first.status == "ok" and first.items_new > 0
    source.refresh_from_db()
    assert source.etag and source.health == "ok" and source.items_seen == first.items_new
    assert Document.objects.filter(source=source).count() == first.items_new
    second = collect_source(source, client=http)
    assert (second.status, second.items_new) == ("ok", 0)
    assert site.requests_to("/feed.xml")[-1].headers.get("if-none-match") == source.etag


def test_article_page_is_stored_and_searchable(site, http):
    source = _source("page", site.url("/page.html"))
    run = collect_source(source, client=http)
    assert run.status == "ok" and run.items_new == 1
    doc = Document.objects.get(source=source)
    assert doc.title and len(doc.text) > 50
    from yuqing.analysis.textindex import normalizer, runs

    word = next(run for run, _ in runs(normalizer()(doc.text)))
    assert count(f'"{word}"') >= 1


def test_news_site_list_page_fetches_new_articles_once(site, http):
    source = _source("site", site.url("/news/list.html"))
    first = collect_source(source, client=http)
    assert (first.status, first.items_new) == ("ok", 3)
    assert sorted(Document.objects.filter(source=source).values_list("url", flat=True)) == [
        site.url(f"/news/2026/1101/{n}.html") for n in (1001, 1002, 1003)]
    before = len(site.requests_to("/news/2026/1101/1001.html"))
    second = collect_source(source, client=http)
    assert (second.status, second.items_new) == ("ok", 0)
    assert len(site.requests_to("/news/2026/1101/1001.html")) == before  # known articles are not fetched again


def test_failures_are_recorded_with_their_reason(site, http):
    broken = _source("page", site.url("/always-500/x"))
    forbidden = _source("page", site.url("/private/secret.html"))
    for source in (broken, forbidden):
        collect_source(source, client=http)
        collect_source(source, client=http)
        source.refresh_from_db()
        assert source.health == "failing" and source.consecutive_failures == 2
    assert "500" in broken.last_error
    assert "robots.txt" in forbidden.last_error


def test_recovery_resets_the_failure_count(site, http):
    source = _source("page", site.url("/always-500/x"))
    collect_source(source, client=http)
    Source.objects.filter(pk=source.pk).update(url=site.url("/page.html"))
    source.refresh_from_db()
    collect_source(source, client=http)
    source.refresh_from_db()
    assert source.consecutive_failures == 0 and source.last_success_at is not None


def test_only_due_sources_are_collected(site, http):
    due = _source("page", site.url("/page.html"))
    _source("feed", site.url("/feed.xml"), enabled=False)
    later = _source("feed", site.url("/feed.xml?later"))
    Source.objects.filter(pk=later.pk).update(next_run_at=timezone.now() + timedelta(hours=1))
    runs = collect_due(client=http)
    assert [run.source_id for run in runs] == [due.pk]
    due.refresh_from_db()
    assert due.next_run_at > timezone.now() + timedelta(minutes=due.schedule_minutes - 1)


def test_private_addresses_are_refused_by_default(site, settings):
    source = _source("page", site.url("/page.html"))
    run = collect_source(source)  # the default client: no network is allowed
    assert run.status == "failed" and "127.0.0.1" in run.error
