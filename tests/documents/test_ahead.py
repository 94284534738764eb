"""Posts prepared ahead of the analysis owner by the other workers (documents.ahead)."""

from __future__ import annotations

import dataclasses
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.concurrency import postgres_only
from tests.documents.factories import item
from yuqing.analysis.assemble import build_pipeline
from yuqing.documents import ahead, analysis
from yuqing.documents.analysis import AnalysisService
from yuqing.documents.models import Document, PreparedPosts
from yuqing.documents.postview import POST_FIELDS, posts_for
from yuqing.documents.store import store_batch
from yuqing.work import queue
from yuqing.work.models import Task, WorkerBeat

pytestmark = pytest.mark.django_db

FIRE = "河南永城市东城区一化工厂起火，消防车已赶到现场，附近居民注意关窗"
TEXTS = [FIRE, f"转发微博//@本地生活号:{FIRE}", "北京朝阳区今天举办图书节，市民排队入场",
         "商丘市民权县一辆货车侧翻，司机受轻伤，交警正在疏导交通", FIRE, "#永城化工厂起火# 浓烟很大，消防已经控制火势",
         "郑州地铁5号线今早故障停运半小时，乘客滞留", "永城今天天气晴朗，适合出游"] * 3
STORED = ["sentiment", "sentiment_score", "risk", "risk_type", "places", "keywords", "event_id", "duplicate_of",
          "story_id", "language", "ip_province"]


@pytest.fixture
def owner(monkeypatch, settings):
    """An owner whose batches hold 5 documents, with tasks run as soon as they commit (inline); storing
    leaves the documents waiting."""
    settings.YUQING = dataclasses.replace(settings.YUQING, analyze_on_store=False)
    monkeypatch.setattr(analysis, "BATCH", 5)
    monkeypatch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
    return AnalysisService()


@pytest.fixture
def peer():
    now = timezone.now()
    return WorkerBeat.objects.create(identity="other:1", roles="all", host="other", pid=1, started_at=now, beat_at=now)


def stored(count: int = len(TEXTS)) -> list[Document]:
    store_batch([item(n, text) for n, text in enumerate(TEXTS[:count])], None, None)
    return list(Document.objects.order_by("published_at", "id"))


def results() -> list[tuple]:
    return list(Document.objects.order_by("published_at", "id").values_list(*STORED))


def alone(docs: list[Document], batch: int) -> list[dict]:
    """What one pipeline in one process makes of the same documents in the same batches."""
    pipeline = build_pipeline()
    posts = posts_for(Document.objects.filter(pk__in=[d.pk for d in docs]).select_related("source").only(*POST_FIELDS)
                      .order_by("published_at", "id"))
    for start in range(0, len(posts), batch):
        pipeline.run(posts[start : start + batch])
    return posts


def test_with_a_live_peer_the_owner_uses_prepared_posts_and_gets_what_it_would_alone(owner, peer, monkeypatch):
    used = []
    take = ahead.Ahead.take
    monkeypatch.setattr(ahead.Ahead, "take", lambda self, posts, versions: used.append(take(self, posts, versions)) or used[-1])
    docs = stored()
    assert owner.analyze_pending() == len(TEXTS)
    assert sum(map(len, used)) == len(TEXTS) - 5  # every batch after the first was prepared by the "peer"
    assert Task.objects.filter(kind=ahead.KIND, state=Task.State.DONE).count() == len(used) - 1
    assert not PreparedPosts.objects.exists()  # each result is deleted once used
    expected = alone(docs, 5)
    got = results()
    assert [row[STORED.index("event_id")] for row in got] == [post["event"] for post in expected]
    assert [row[STORED.index("sentiment")] for row in got] == [post["sentiment"]["label"] for post in expected]
    assert [row[STORED.index("risk_type")] for row in got] == [post["risk"].get("type") or "" for post in expected]
    assert [row[STORED.index("keywords")] for row in got] == [list(post["keywords"]) for post in expected]
    assert [row[STORED.index("duplicate_of")] for row in got] == [post.get("duplicate_of") or "" for post in expected]


def test_without_a_live_peer_nothing_is_asked(owner):
    stored()
    assert owner.analyze_pending() == len(TEXTS)
    assert not Task.objects.filter(kind=ahead.KIND).exists()


def test_a_peer_that_stopped_beating_is_not_asked(owner, peer):
    WorkerBeat.objects.filter(pk=peer.pk).update(beat_at=timezone.now() - timedelta(minutes=5))
    stored()
    owner.analyze_pending()
    assert not Task.objects.filter(kind=ahead.KIND).exists()


def test_a_result_is_the_whole_post_so_the_owner_loads_no_document():
    docs = stored(3)
    ahead.run({"key": "k", "ids": [d.pk for d in docs]})
    waiting = ahead.Ahead()
    waiting.pending.append(ahead.Request("k", 0, {str(d.pk) for d in docs}))
    posts = waiting.take([(d.pk, d.content_hash) for d in docs], build_pipeline().versions())
    expected = {post["id"]: post for post in posts_for(docs)}
    assert set(posts) == set(expected)
    for pid, post in posts.items():
        read = {k for k in expected[pid] if k != "lang"}  # the language stage fills in a language not declared
        assert {k: post[k] for k in read} == {k: expected[pid][k] for k in read}  # what posts_for reads
        assert post["sentiment"] and "risk" in post and "grams" not in post


def test_a_result_made_for_other_text_or_other_versions_is_not_used():
    docs = stored(3)
    pipeline = build_pipeline()
    ahead.run({"key": "k", "ids": [d.pk for d in docs]})
    waiting = ahead.Ahead()
    waiting.pending.append(ahead.Request("k", 0, {str(d.pk) for d in docs}))
    batch = [(d.pk, d.content_hash) for d in docs]
    batch[0] = (docs[0].pk, "0" * 40)  # its title or text changed since it was prepared
    assert set(waiting.take(batch, pipeline.versions())) == {str(docs[1].pk), str(docs[2].pk)}
    ahead.run({"key": "k2", "ids": [d.pk for d in docs]})
    waiting.pending.append(ahead.Request("k2", 0, {str(d.pk) for d in docs}))
    assert waiting.take(batch, {**pipeline.versions(), "risk": "older"}) == {}
    assert not PreparedPosts.objects.exists()


def test_a_parent_stored_after_its_repost_was_prepared_is_found_by_the_owner():
    store_batch([item(1, "转发微博", parent_id="p0", kind="repost")], None, None)
    repost = Document.objects.get()
    ahead.run({"key": "k", "ids": [repost.pk]})  # its parent is not stored yet: a placeholder
    original = item(0, "河南永城市东城区一化工厂起火")
    original.external_id = "p0"
    store_batch([original], None, None)
    parent = Document.objects.exclude(pk=repost.pk).get()
    waiting = ahead.Ahead()
    waiting.pending.append(ahead.Request("k", 0, {str(repost.pk)}))
    posts = waiting.take([(repost.pk, repost.content_hash)], build_pipeline().versions())
    assert posts[str(repost.pk)]["parent_id"] == str(parent.pk) == posts_for([repost])[0]["parent_id"]


def test_a_request_nobody_started_is_taken_back_and_done_by_the_owner(owner, peer, monkeypatch):
    monkeypatch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: None)  # the peer never runs it
    stored()
    assert owner.analyze_pending() == len(TEXTS)
    asked = Task.objects.filter(kind=ahead.KIND)
    assert asked.exists() and not asked.exclude(state=Task.State.DONE).exists()  # each one taken back
    assert not Document.objects.filter(analyzed_at=None).exists()


def test_the_owner_waits_for_a_peer_at_work_then_does_it_itself(owner, peer, monkeypatch):
    monkeypatch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: None)
    monkeypatch.setattr(ahead, "WAIT", 0.3)
    docs = stored(10)
    waiting = ahead.Ahead()
    waiting._peer_count, waiting._peers_asked = 1, time.monotonic()
    waiting.request(after=5, size=5)
    (request,) = waiting.pending  # the one more batch there is: 2 asked for with one peer, when there are
    assert request.ids == {str(d.pk) for d in docs[5:]}
    queue.claim([ahead.KIND], limit=1)  # a peer took it, and dies before it writes anything
    started = time.monotonic()
    assert waiting.take([(d.pk, d.content_hash) for d in docs[5:]], build_pipeline().versions()) == {}
    assert time.monotonic() - started >= 0.3


def test_with_one_peer_two_batches_are_asked_for_so_the_next_waits_queued(owner):
    docs = stored(20)
    waiting = ahead.Ahead()
    waiting._peer_count, waiting._peers_asked = 1, time.monotonic()
    waiting.request(after=5, size=5)
    assert [r.ids for r in waiting.pending] == [{str(d.pk) for d in docs[5:10]}, {str(d.pk) for d in docs[10:15]}]
    waiting.request(after=5, size=5)  # nothing taken since: nothing more asked
    assert len(waiting.pending) == 2 and Task.objects.filter(kind=ahead.KIND).count() == 2


def test_results_nobody_took_are_forgotten_after_ten_minutes():
    old = PreparedPosts.objects.create(key="old", versions={}, posts=b"",
                                       created_at=timezone.now() - ahead.KEEP - timedelta(seconds=1))
    PreparedPosts.objects.create(key="new", versions={}, posts=b"")
    assert ahead.forget_stale() == 1
    assert list(PreparedPosts.objects.values_list("key", flat=True)) == ["new"]
    assert not PreparedPosts.objects.filter(pk=old.pk).exists()


@postgres_only
def test_documents_carry_no_like_indexes_on_postgresql():
    """Migration 0013: the `_like` companions and the indexes a composite one begins with serve no
    query of their own, and each cost every write."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'documents_document'")
        names = [row[0] for row in cursor.fetchall()]
    dropped = ("documents_document_site_", "documents_document_source_id_")
    assert not [name for name in names if name.endswith("_like") or name.startswith(dropped)]
    assert {"documents_document_dedup_key_key", "doc_story", "doc_thread", "doc_source_time"} <= set(names)
