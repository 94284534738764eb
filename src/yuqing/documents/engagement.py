"""Engagement counts over time: a snapshot per collection that saw different counts.

Called by the store inside its transaction. New documents with counts get their first
snapshot; an item collected again whose counts changed updates the document's current counts
(only those the source gave) and adds a snapshot, so a chart can show how a post grew.
"""

from __future__ import annotations

from django.utils import timezone

from yuqing.collect.items import CollectedItem
from yuqing.documents.models import Document, EngagementSnapshot

COUNTS = ("likes", "comments", "reposts", "views")
LIMITS = {"reposts": 2**31 - 1, "comments": 2**31 - 1, "likes": 2**31 - 1, "views": 2**62}


def clamp(name: str, value: int) -> int:
    """A count within what its column holds (a bad exporter's 10^20 must not fail the batch)."""
    return min(LIMITS[name], max(0, int(value or 0)))

Known = dict[str, tuple]  # dedup key -> (pk, likes, comments, reposts, views)


def existing(keys: list[str]) -> Known:
    """The stored documents among `keys`, with their current counts."""
    found: Known = {}
    for start in range(0, len(keys), 900):
        rows = Document.objects.filter(dedup_key__in=keys[start : start + 900]).values_list("dedup_key", "pk", *COUNTS)
        found.update((row[0], row[1:]) for row in rows)
    return found


def record(created: list[Document], again: dict[str, CollectedItem], known: Known) -> None:
    now = timezone.now()
    snapshots = [_snapshot(doc.pk, [getattr(doc, c) for c in COUNTS], now) for doc in created if _has_counts(doc)]
    for key, item in sorted(again.items(), key=lambda pair: pair[0]):  # one order in every process: no deadlock
        if not item.engagement:
            continue
        pk, *current = known[key]
        fresh = [clamp(name, item.engagement.get(name, old)) for name, old in zip(COUNTS, current)]
        if fresh != list(current):
            Document.objects.filter(pk=pk).update(**dict(zip(COUNTS, fresh)))
            snapshots.append(_snapshot(pk, fresh, now))
    EngagementSnapshot.objects.bulk_create(snapshots)


def _has_counts(doc: Document) -> bool:
    return any(getattr(doc, name) for name in COUNTS)


def _snapshot(pk: int, counts: list[int], at) -> EngagementSnapshot:
    return EngagementSnapshot(document_id=pk, at=at, **dict(zip(COUNTS, counts)))
