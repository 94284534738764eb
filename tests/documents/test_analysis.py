"""The pipeline over stored documents: results written back, places indexed, events kept."""

from __future__ import annotations

import pytest

from tests.documents.factories import item
from yuqing import events
from yuqing.documents.analysis import AnalysisService
from yuqing.documents.models import Document, DocumentPlace, Event
from yuqing.documents.search import count
from yuqing.documents.store import store_batch

pytestmark = pytest.mark.django_db

POSTS = [
    "河南永城市东城区一化工厂起火，消防车已赶到现场",
    "永城化工厂起火浓烟很大，附近居民注意关窗",
    "转发微博//@本地生活号:河南永城市东城区一化工厂起火，消防车已赶到现场",
    "北京朝阳区今天举办图书节",
]


@pytest.fixture
def analysed():
    store_batch([item(i, text) for i, text in enumerate(POSTS)], None, None)
    received = []
    handler = lambda documents, **_: received.extend(documents)  # noqa: E731
    events.subscribe("documents.analyzed", handler)
    try:
        service = AnalysisService()
        with pytest.MonkeyPatch.context() as patch:
            # run on_commit callbacks at once inside the test transaction
            patch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
            done = service.analyze_pending()
    finally:
        events.unsubscribe("documents.analyzed", handler)
    return service, done, received


def test_every_document_is_analysed_once(analysed):
    service, done, received = analysed
    assert done == len(POSTS) == len(received)
    assert not Document.objects.filter(analyzed_at=None).exists()
    assert service.analyze_pending() == 0
    doc = Document.objects.get(text=POSTS[0])
    assert doc.keywords and doc.event_id and doc.analysis_versions == service.pipeline.versions()


def test_places_are_resolved_and_searchable(analysed):
    doc = Document.objects.get(text=POSTS[0])
    assert any(p["name"] == "永城市" for p in doc.places)
    assert DocumentPlace.objects.filter(document=doc, code__startswith="4114").exists()
    assert count("place:永城") == 3
    assert count("place:河南") == 3
    beijing = Document.objects.get(text=POSTS[3])
    assert any(p["code"].startswith("11") for p in beijing.places)


def test_repost_joins_the_event_of_what_it_repeats(analysed):
    original = Document.objects.get(text=POSTS[0])
    repost = Document.objects.get(text=POSTS[2])
    assert repost.event_id == original.event_id
    event = Event.objects.get(key=original.event_id)
    assert event.size >= 2 and event.title


def test_reanalyze_runs_only_stale_documents(analysed, monkeypatch):
    from yuqing.documents import analysis

    service, _, _ = analysed
    monkeypatch.setattr(analysis, "_service", service)
    monkeypatch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
    assert analysis.reanalyze() == 0
    Document.objects.filter(text=POSTS[3]).update(analysis_versions={"sentiment": "0"})
    seen = []
    assert analysis.reanalyze(progress=lambda done, total: seen.append((done, total))) == 1
    assert seen[-1] == (1, 1)
    assert Document.objects.get(text=POSTS[3]).analysis_versions == service.pipeline.versions()


def test_risk_is_stored_per_document_with_its_type_and_terms(analysed):
    fire = Document.objects.get(text=POSTS[0])
    assert fire.risk == 1 and fire.risk_type == "事故灾难" and 0.0 <= fire.risk_score <= 1.0
    assert fire.risk_why and all(term in POSTS[0] for term in fire.risk_why)
    fair = Document.objects.get(text=POSTS[3])
    assert fair.risk == 0 and fair.risk_type == "" and fair.risk_why == []
    assert "risk" in fire.analysis_versions and fire.analysis_versions["risk"] != "1"


def test_the_document_page_shows_risk_its_type_and_why_negative(analysed, client, admin_user):
    from django.urls import reverse

    client.force_login(admin_user)
    fire = Document.objects.get(text=POSTS[0])
    html = client.get(reverse("documents:detail", args=[fire.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "风险信息" in html and "事故灾难" in html and "为何判为负面" in html
    assert all(term in html for term in fire.risk_why)
    fair = Document.objects.get(text=POSTS[3])
    html = client.get(reverse("documents:detail", args=[fair.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "非风险信息" in html and "为何判为负面" not in html


def test_a_batch_costs_the_same_queries_whatever_its_size(settings, monkeypatch):
    """The owner loads only the columns analysis reads (postview.POST_FIELDS); a column it forgot
    would be loaded once per document, and this count would grow with the batch."""
    import dataclasses

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from yuqing.documents import checkpoints

    settings.YUQING = dataclasses.replace(settings.YUQING, analyze_on_store=False)
    monkeypatch.setattr(checkpoints, "EVERY_SECONDS", 10**9)  # no checkpoint in the batches counted, however slow
    monkeypatch.setattr(checkpoints, "EVERY_POSTS", 10**9)
    service = AnalysisService()

    def analyse(texts: list[str], start: int) -> int:
        store_batch([item(start + i, text) for i, text in enumerate(texts)], None, None)
        with pytest.MonkeyPatch.context() as patch, CaptureQueriesContext(connection) as queries:
            patch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: None)  # the analysis alone
            assert service.analyze_pending() == len(texts)
        return len(queries)

    analyse(POSTS, 0)  # the first batch also builds the pipeline and saves a checkpoint
    few = analyse([f"永城第{n}中学举行运动会，{n}个班参加" for n in range(3)], 100)
    many = analyse([f"商丘第{n}届农民丰收节开幕，{n}个乡镇参加" for n in range(40)], 200)
    assert many <= few, (few, many)


def test_an_original_keeps_no_story_id_and_its_repost_points_to_it(analysed):
    """Only copies and reposts enter the story index (documents_document's doc_story); search folds
    the repost under its original all the same."""
    from yuqing.documents.folding import folded

    original, repost = Document.objects.get(text=POSTS[0]), Document.objects.get(text=POSTS[2])
    assert original.story_id == "" and repost.story_id == str(original.pk)
    total, stories, rows = folded(Document.objects.filter(pk__in=[original.pk, repost.pk]), 0, 20)
    assert (total, stories) == (2, 1)
    assert rows[0].doc == original and rows[0].copies == 1
