"""Figures over a set of stored documents, each carrying the ids of the documents it comes from.

Used by incident timelines, briefings and the dashboard, so the same number means the same
thing everywhere. Times are bucketed in the server's time zone (hours, days).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import reduce
from operator import or_

from django.db.models import Count, F, Min, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from yuqing.documents.models import Document, DocumentPlace

# Author names that look like an official account (government, police, emergency services,
# official media). A heuristic for "official statements" in timelines; it says "looks official".
OFFICIAL_MARKERS = ("发布", "官方", "官微", "公安", "警方", "应急", "政府", "日报", "晚报", "消防", "新闻办", "融媒",
                    "通报", "卫健", "管理局", "人民网", "新华", "央视", "检察", "法院", "网信")
SAMPLE = 20  # evidence ids kept per figure; the figure's query link reproduces the full set


@dataclass
class Bucket:
    start: datetime
    count: int
    ids: list[int] = field(default_factory=list)


@dataclass
class Share:
    """One row of a breakdown: a site, a place, a sentiment, with its first post and evidence."""

    key: str
    label: str
    count: int
    first_at: datetime | None = None
    ids: list[int] = field(default_factory=list)


def _floor(when: datetime, step: timedelta) -> datetime:
    local = timezone.localtime(when)
    if step >= timedelta(days=1):
        return local.replace(hour=0, minute=0, second=0, microsecond=0)
    return local.replace(minute=0, second=0, microsecond=0)


def series(docs: QuerySet[Document], step: timedelta = timedelta(hours=1), since: datetime | None = None,
           until: datetime | None = None) -> list[Bucket]:
    """Counts per hour (or day), with empty buckets filled between the first and the last."""
    rows = list(docs.order_by("published_at", "id").values_list("published_at", "id"))
    if not rows and since is None:
        return []
    buckets: dict[datetime, Bucket] = {}
    for when, pk in rows:
        bucket = buckets.setdefault(_floor(when, step), Bucket(_floor(when, step), 0))
        bucket.count += 1
        if len(bucket.ids) < SAMPLE:
            bucket.ids.append(pk)
    start = _floor(since, step) if since else min(buckets)
    end = _floor(until - timedelta(microseconds=1), step) if until else max(buckets)
    filled, cursor = [], start
    while cursor <= end:
        filled.append(buckets.get(cursor) or Bucket(cursor, 0))
        cursor = _floor(cursor + step + timedelta(hours=2), step) if step >= timedelta(days=1) else cursor + step
    return filled


def peak(buckets: list[Bucket]) -> Bucket | None:
    return max(buckets, key=lambda b: (b.count, -b.start.timestamp())) if buckets and max(b.count for b in buckets) else None


def fading_since(buckets: list[Bucket], share: float = 0.25) -> Bucket | None:
    """The first bucket after the peak from which volume stays under `share` of the peak."""
    top = peak(buckets)
    if top is None:
        return None
    after = [b for b in buckets if b.start > top.start]
    limit = top.count * share
    for index, bucket in enumerate(after):
        if all(b.count < limit for b in after[index:]):
            return bucket
    return None


def sites(docs: QuerySet[Document], limit: int = 30) -> list[Share]:
    """Documents per site, most first, each with its first SAMPLE ids: two queries however many sites."""
    rows = list(docs.values("site").annotate(n=Count("id"), first=Min("published_at")).order_by("-n", "first")[:limit])
    first = _first_ids(docs, "site", [row["site"] for row in rows])
    return [Share(row["site"], row["site"] or "—", row["n"], row["first"], first.get(row["site"], [])) for row in rows]


def _first_ids(docs: QuerySet[Document], field: str, values: list) -> dict[object, list[int]]:
    """value of `field` → the ids of its first SAMPLE documents (oldest first), in one query."""
    if not values:
        return {}
    order = Window(RowNumber(), partition_by=[F(field)], order_by=[F("published_at").asc(), F("id").asc()])
    ranked = (docs.filter(**{f"{field}__in": values}).annotate(rank=order).filter(rank__lte=SAMPLE)
              .order_by().values_list(field, "id", "rank"))
    found: dict[object, list[tuple[int, int]]] = defaultdict(list)
    for value, pk, rank in ranked:
        found[value].append((rank, pk))
    return {value: [pk for _rank, pk in sorted(pairs)] for value, pairs in found.items()}


def sentiments(docs: QuerySet[Document]) -> list[Share]:
    rows = {r["sentiment"]: r["n"] for r in docs.values("sentiment").annotate(n=Count("id"))}
    out = []
    for label in ("negative", "neutral", "positive", ""):
        if rows.get(label):
            ids = docs.filter(sentiment=label).order_by("-reposts", "published_at").values_list("id", flat=True)[:SAMPLE]
            out.append(Share(label or "unknown", label or "unknown", rows[label], None, list(ids)))
    return out


def places(docs: QuerySet[Document], level: str = "province", limit: int = 40) -> list[Share]:
    """Documents per province (level "province") or prefecture-level city ("city"), most first."""
    from yuqing.analysis.gazetteer import get_gazetteer

    gazetteer = get_gazetteer()
    found: dict[str, set[int]] = defaultdict(set)
    first: dict[str, datetime] = {}
    rows = DocumentPlace.objects.filter(document__in=docs).values_list("code", "document_id", "document__published_at")
    for code, doc_id, when in rows.iterator(chunk_size=5000):
        place = gazetteer.place(code)
        key = _region(place, level) if place else None
        if key:
            found[key].add(doc_id)
            first[key] = min(first.get(key, when), when)
    ranked = sorted(found, key=lambda k: (-len(found[k]), first[k]))[:limit]
    return [Share(k, gazetteer.name_of(k) or k, len(found[k]), first[k], sorted(found[k])[:SAMPLE]) for k in ranked]


def _region(place, level: str) -> str | None:
    if level == "province":
        return place.path[0]
    from yuqing.analysis.gazetteer import get_gazetteer

    levels = {code: get_gazetteer().level_of(code) for code in place.path}
    return next((code for code in place.path if levels[code] == "city"), None)


def official_filter() -> Q:
    return reduce(or_, (Q(author__contains=marker) for marker in OFFICIAL_MARKERS))


def official_posts(docs: QuerySet[Document], limit: int = 10) -> list[Document]:
    return list(docs.filter(official_filter()).order_by("published_at", "id")[:limit])


def most_reposted(docs: QuerySet[Document], limit: int = 5) -> list[Document]:
    return list(docs.filter(reposts__gt=0).order_by("-reposts", "-comments", "published_at", "id")[:limit])


def first_by_site(docs: QuerySet[Document], limit: int = 20) -> list[Document]:
    shares = sorted(sites(docs, limit), key=lambda s: s.first_at)
    found = Document.objects.in_bulk([share.ids[0] for share in shares])
    return [found[share.ids[0]] for share in shares]


def reach(docs: QuerySet[Document]) -> dict[str, int]:
    from django.db.models import Sum

    totals = docs.aggregate(documents=Count("id"), sites=Count("site", distinct=True), authors=Count("author", distinct=True),
                            reposts=Sum("reposts"), comments=Sum("comments"), likes=Sum("likes"))
    return {key: int(value or 0) for key, value in totals.items()}


def keyword_weights(docs: QuerySet[Document], limit: int = 60, scan: int = 5000) -> list[tuple[str, int]]:
    """Keywords of the most recent `scan` documents, by how many documents carry them."""
    counts: Counter[str] = Counter()
    for keywords in docs.order_by("-published_at").values_list("keywords", flat=True)[:scan]:
        counts.update({str(k) for k in (keywords or []) if str(k).strip()})
    return counts.most_common(limit)
