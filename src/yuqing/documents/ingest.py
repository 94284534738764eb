"""The push API's work: a batch of records (JSON array or NDJSON) stored with a result per record.

The same row mapping as `yuqing import` (our field names, `?mapping=NAME` for a saved mapping, or
`?format=mediacrawler&platform=weibo&kind=comments` for MediaCrawler rows). Idempotent: a record
is known by its id or URL (or, with neither, by a hash of the whole record), so a retried batch
adds nothing. Nothing is dropped silently: each record is stored, a duplicate, or quarantined with
its reason; a batch refused as a whole (too large, queue full, not JSON) stores nothing.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from yuqing.collect.items import CollectedItem, Rejected
from yuqing.collect.rows import RowReader
from yuqing.documents.store import QUARANTINED, store_batch
from yuqing.errors import InputError
from yuqing.text.dates import CHINA_TZ

_in_flight = threading.BoundedSemaphore(4)  # concurrent batches per process; more wait their turn with 429


class QueueFull(Exception):
    """Too much is waiting: the client should retry after `retry_after` seconds."""

    retry_after = 30


@dataclass
class Batch:
    records: list[CollectedItem | Rejected]
    ids: list[str]  # what each record is known by, for the results


def parse_body(body: bytes, content_type: str, reader: RowReader) -> Batch:
    """Records of a JSON array or NDJSON body; a malformed array is an InputError (nothing stored)."""
    text = body.decode("utf-8-sig", errors="replace").strip()
    if text.startswith("[") and "ndjson" not in content_type:
        try:
            rows = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise InputError(_("The body is not valid JSON: %(error)s") % {"error": exc}) from None
        records = [_from_value(reader, row, n) for n, row in enumerate(rows, 1)]
    else:
        records = [reader.from_json_line(line.encode(), n) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    limit = settings.YUQING.ingest_max_records
    if len(records) > limit:
        raise InputError(_("A batch holds at most %(limit)d records; split it") % {"limit": limit})
    return Batch(records, [_known_as(r) for r in records])


def _from_value(reader: RowReader, row: object, number: int) -> CollectedItem | Rejected:
    if isinstance(row, dict):
        return reader.from_row(row, number)
    return Rejected(f"NotAnObject: record {number}: expected a JSON object, found {type(row).__name__}", row,
                    f"record {number}", number)


def _known_as(record: CollectedItem | Rejected) -> str:
    return record.external_id or record.url if isinstance(record, CollectedItem) else ""


def backlog_full() -> bool:
    from yuqing.documents.models import Document

    limit = settings.YUQING.ingest_max_backlog
    return Document.objects.filter(analyzed_at=None).values("pk")[: limit + 1].count() > limit


def store(batch: Batch, source) -> dict:
    """Store the batch; the per-record results and totals the API answers with."""
    if not _in_flight.acquire(blocking=False):
        raise QueueFull()
    try:
        if backlog_full():
            raise QueueFull()
        stats = store_batch(batch.records, source, None, outcomes=True)
    finally:
        _in_flight.release()
    results = []
    for index, (reason, status, known) in enumerate(zip(stats.reasons or [], stats.outcomes or [], batch.ids)):
        entry = {"index": index, "status": status, "id": known}
        if status == QUARANTINED:
            entry["reason"] = reason
        results.append(entry)
    return {"stored": stats.new, "duplicate": stats.duplicate, "quarantined": stats.rejected, "results": results}


def reader_for(params: dict[str, str]) -> RowReader:
    """The row reader for the query parameters: plain fields, a saved mapping, or MediaCrawler's."""
    from yuqing.sources.models import ImportMapping

    mapping: dict[str, str] = {}
    if params.get("mapping"):
        saved = ImportMapping.objects.filter(name=params["mapping"]).first()
        if saved is None:
            raise InputError(_("No saved mapping named %(name)s") % {"name": params["mapping"]})
        mapping = dict(saved.mapping)
    transform = None
    if params.get("format") == "mediacrawler":
        from yuqing.collect.mediacrawler import PLATFORMS, transformer

        platform, kind = params.get("platform", ""), params.get("kind", "contents")
        if platform not in PLATFORMS or kind not in ("contents", "comments"):
            raise InputError(_("format=mediacrawler needs platform (one of %(platforms)s) and kind (contents or comments)")
                             % {"platforms": ", ".join(PLATFORMS)})
        transform = transformer(platform, kind)
    return RowReader(mapping, CHINA_TZ, require_id_or_url=False, transform=transform)
