"""Search results folded by story read only as many matches as a page needs, and fold exactly as
grouping every match would: same stories, same order (ties included), same copy counts."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.documents.factories import item
from yuqing.documents import folding
from yuqing.documents.models import Document
from yuqing.documents.store import store_batch

pytestmark = pytest.mark.django_db


def random_stories(n: int, seed: int) -> None:
    """`n` posts at few distinct times (so stories tie), a third of them copies of an earlier post,
    a few blank; originals with and without their own id as story, as the dedup stage leaves them."""
    rng = random.Random(seed)
    store_batch([item(i, f"第{i}条 永城消息" if rng.random() > 0.05 else "  ", minutes=rng.randrange(40))
                 for i in range(n)], None, None)
    docs = list(Document.objects.order_by("id"))
    for doc in docs:
        roll = rng.random()
        if roll < 0.35 and doc.pk > docs[0].pk:  # a copy belongs to its original's story, as dedup says
            original = rng.choice([d for d in docs if d.pk < doc.pk])
            doc.story_id = original.story_id or str(original.pk)
        elif roll < 0.6:
            doc.story_id = str(doc.pk)
    Document.objects.bulk_update(docs, ["story_id"])


def grouped_every_match(offset: int, limit: int) -> list[tuple[int, int]]:
    """The reference: every readable match grouped, ordered by (newest, first match) descending."""
    groups: dict[str, list[Document]] = {}
    for doc in Document.objects.all():
        if doc.text.strip() or doc.title.strip():
            groups.setdefault(doc.story_id or str(doc.pk), []).append(doc)
    order = sorted(groups.items(), key=lambda kv: (max(d.published_at for d in kv[1]), min(d.pk for d in kv[1])),
                   reverse=True)
    rows = []
    for key, docs in order[offset : offset + limit]:
        shown = next((d.pk for d in docs if str(d.pk) == key), min(d.pk for d in docs))
        rows.append((shown, len(docs) - 1))
    return rows


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_page_folds_as_grouping_every_match_would(seed, monkeypatch):
    monkeypatch.setattr(folding, "SCAN_CHUNK", 7)  # many chunks, boundaries inside ties
    random_stories(120, seed)
    readable = [d for d in Document.objects.all() if d.text.strip()]
    for offset in (0, 10, 20, 60, 200):
        total, stories, rows = folding.folded(Document.objects.all(), offset, 10)
        assert total == len(readable)
        assert stories == len({d.story_id or str(d.pk) for d in readable})
        assert [(row.doc.pk, row.copies) for row in rows] == grouped_every_match(offset, 10), offset


def test_the_first_page_reads_only_the_newest_matches(monkeypatch):
    monkeypatch.setattr(folding, "SCAN_CHUNK", 50)
    store_batch([item(i, f"第{i}条 永城消息") for i in range(400)], None, None)
    with CaptureQueriesContext(connection) as queries:
        total, stories, rows = folding.folded(Document.objects.all(), 0, 20)
    assert (total, stories, len(rows)) == (400, 400, 20)
    assert [row.doc.external_id for row in rows] == [f"t{i}" for i in range(399, 379, -1)]
    scans = [q["sql"] for q in queries.captured_queries if "LIMIT 50" in q["sql"]]
    assert len(scans) == 1  # one chunk of 50 held the page's 20 stories; the other 350 were not read


def test_counts_are_shared_for_a_few_seconds_then_counted_again(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr("yuqing.shared_figures.clock", lambda: now[0])
    store_batch([item(i, f"第{i}条 永城消息") for i in range(5)], None, None)
    assert folding.folded(Document.objects.all(), 0, 20)[:2] == (5, 5)
    store_batch([item(i, f"第{i}条 永城消息") for i in range(5, 8)], None, None)
    total, stories, rows = folding.folded(Document.objects.all(), 0, 20)
    assert (total, stories, len(rows)) == (5, 5, 8)  # the rows are read afresh, the counts are seconds old
    now[0] += folding.COUNTS_SECONDS
    assert folding.folded(Document.objects.all(), 0, 20)[:2] == (8, 8)


