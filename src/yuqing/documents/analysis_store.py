"""Writing pipeline results back to documents, their place rows, and the events table."""

from __future__ import annotations

import json
from datetime import datetime, timezone as dt_timezone
from typing import Any, Callable, Iterable

from django.db import connection

from yuqing.documents.corrections import effective, overlay
from yuqing.documents.models import Document, DocumentPlace, Event

POST_COLUMNS = ("sentiment", "sentiment_score", "risk", "risk_score", "risk_type", "risk_why", "places", "keywords", "event_id",
                "duplicate_of", "story_id", "language", "ip_province")
BATCH_COLUMNS = ("analysis_versions", "analyzed_at")  # one value for the whole batch
RESULT_COLUMNS = POST_COLUMNS + BATCH_COLUMNS
EVENT_COLUMNS = ["title", "keywords", "size", "first_seen", "last_seen", "growth_per_hour", "lifecycle", "merged_into"]


def _row(post: dict[str, Any], as_json: Callable[[Any], Any]) -> list[Any]:
    """A post's values of POST_COLUMNS."""
    sentiment = post.get("sentiment") or {}
    places = [{k: p.get(k) for k in ("mention", "code", "name", "level", "path")} for p in post.get("places") or []]
    risk = post.get("risk") or {}
    return [
        sentiment.get("label") or "", sentiment.get("score"),
        risk.get("label"), risk.get("score"), risk.get("type") or "", as_json(list(risk.get("why") or [])),
        as_json(places), as_json(list(post.get("keywords") or [])), post.get("event") or "",
        post.get("duplicate_of") or "", _story_column(post), (post.get("lang") or "")[:16], _ip_province(post),
    ]


def save_results(docs: list[Document], posts: list[dict[str, Any]], versions: dict[str, str], now: datetime) -> None:
    corrected = effective(doc.pk for doc in docs)  # people's corrections win over the pipeline's labels
    for doc, post in zip(docs, posts):
        if doc.pk in corrected:
            overlay(post, corrected[doc.pk])
    postgres = connection.vendor == "postgresql"
    as_json = json.dumps if postgres else (lambda value: connection.ops.adapt_json_value(value, None))
    batch = [as_json(versions), connection.ops.adapt_datetimefield_value(now)]  # BATCH_COLUMNS
    rows = sorted((_row(post, as_json) + [doc.pk] for doc, post in zip(docs, posts)), key=lambda row: row[-1])
    with connection.cursor() as cursor:  # in id order: two overlapping batches lock their rows in one order, no deadlock
        if postgres:
            cursor.execute(*_update_from_arrays(rows, batch))
        else:
            assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in RESULT_COLUMNS)
            cursor.executemany(f"UPDATE {Document._meta.db_table} SET {assignments} WHERE id = %s",
                               [row[:-1] + batch + row[-1:] for row in rows])
    for doc, post in zip(docs, posts):
        _apply(doc, post, versions, now)
    DocumentPlace.objects.filter(document__in=docs).delete()
    DocumentPlace.objects.bulk_create(  # no race: a second writer waits for the document rows above
        [DocumentPlace(document=doc, code=p["code"], level=p.get("level") or "") for doc in docs
         for p in {p["code"]: p for p in doc.places if p.get("code")}.values()]
    )


def _update_from_arrays(rows: list[list[Any]], batch: list[Any], per_row: tuple[str, ...] = POST_COLUMNS,
                        once: tuple[str, ...] = BATCH_COLUMNS) -> tuple[str, list[Any]]:
    """One UPDATE … FROM unnest(column arrays) for the whole batch (PostgreSQL), instead of one
    statement a row: the owner's write is the serial part of N workers (bench/owner_batch.py).
    `rows` hold the `per_row` columns and the id, `batch` the `once` columns, sent once: the stage
    versions sent as one array element a row were parsed as JSON 2,000 times, a third of the
    statement's time. JSON columns come as text (json.dumps) and are cast per row; text stays text up
    to the column's own type, so a value too long for it fails as a row update would, instead of
    being cut by a cast."""
    types = {field.column: field.db_type(connection) for field in Document._meta.concrete_fields}
    names = [*per_row, "id"]
    quote = connection.ops.quote_name
    arrays = {name: "text" if types[name] == "jsonb" or types[name].startswith("varchar") else types[name] for name in names}
    picked = ", ".join(f"unnest(%s::{arrays[name]}[]) AS {quote(name)}" for name in names)
    cast = {name: "::jsonb" if types[name] == "jsonb" else "" for name in (*per_row, *once)}
    assigned = ", ".join([*(f"{quote(name)} = v.{quote(name)}{cast[name]}" for name in per_row),
                          *(f"{quote(name)} = %s{cast[name]}" for name in once)])
    sql = f"UPDATE {Document._meta.db_table} AS d SET {assigned} FROM (SELECT {picked}) AS v WHERE d.id = v.{quote('id')}"
    return sql, [*batch, *(list(column) for column in zip(*rows))]


def _apply(doc: Document, post: dict[str, Any], versions: dict[str, str], now: datetime) -> None:
    sentiment = post.get("sentiment") or {}
    doc.sentiment, doc.sentiment_score = sentiment.get("label") or "", sentiment.get("score")
    risk = post.get("risk") or {}
    doc.risk, doc.risk_score, doc.risk_type = risk.get("label"), risk.get("score"), risk.get("type") or ""
    doc.risk_why = list(risk.get("why") or [])
    doc.places = [{k: p.get(k) for k in ("mention", "code", "name", "level", "path")} for p in post.get("places") or []]
    doc.keywords = list(post.get("keywords") or [])
    doc.event_id, doc.duplicate_of = post.get("event") or "", post.get("duplicate_of") or ""
    doc.story_id = _story_column(post)
    doc.language = (post.get("lang") or "")[:16]
    doc.ip_province = _ip_province(post)
    doc.analysis_versions, doc.analyzed_at = versions, now


def _story_column(post: dict[str, Any]) -> str:
    """The story of a post that starts its own is left empty (search reads empty as the post's own id):
    only copies and reposts enter the story index, so an original's analysis writes no index entry."""
    story = post.get("story") or ""
    return "" if story == post.get("id") else story


def _ip_province(post: dict[str, Any]) -> str:
    return ((post.get("ip_place") or {}).get("code") or "")[:12]


def _time(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, dt_timezone.utc)


def upsert_events(pipeline, touched: Iterable[str]) -> None:
    from yuqing.analysis.assemble import stage

    touched = set(touched)
    if not touched:
        return
    snapshots = [e for e in stage(pipeline, "cluster").store.events(include_merged=True) if e.id in touched]
    rows = [Event(key=snap.id, title=snap.title[:500], keywords=list(snap.keywords), size=snap.size,
                  first_seen=_time(snap.first_seen), last_seen=_time(snap.last_seen), growth_per_hour=snap.growth_per_hour,
                  lifecycle=snap.lifecycle, merged_into=snap.merged_into or "") for snap in sorted(snapshots, key=lambda s: s.id)]
    # One statement whether the event is new or known; a process that stored the same event a
    # moment ago makes this an update, not a unique violation. Key order: no deadlock.
    Event.objects.bulk_create(rows, update_conflicts=True, unique_fields=["key"], update_fields=EVENT_COLUMNS)
