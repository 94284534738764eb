"""Storing collected items: one row per item, duplicates counted, rejects quarantined.

Idempotence comes from the unique `dedup_key`: an item seen again (same canonical URL, or same
site and id) is counted as a duplicate and not stored twice, so a re-run or a restarted import
never duplicates anything. Two different posts with the same text are two rows.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Iterable

from typing import Any, Callable

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from yuqing import events, inserts
from yuqing.collect.items import CollectedItem, Rejected
from yuqing.documents import engagement, index
from yuqing.documents.models import Document
from yuqing.sources.models import CollectionRun, QuarantinedRecord, Source
from yuqing.text.nul import value_without_nul, without_nul

MAX_RAW_CHARS = 200_000


STORED, DUPLICATE, QUARANTINED = "stored", "duplicate", "quarantined"


@dataclass
class StoreStats:
    """Counts of one or more batches; `outcomes` (when asked for) says per input record, in
    order, whether it was stored, a duplicate, or quarantined."""

    new: int = 0
    duplicate: int = 0
    rejected: int = 0
    outcomes: list[str] | None = None
    reasons: list[str] | None = None  # with outcomes: why each quarantined record was ("" for the others)

    def add(self, other: "StoreStats") -> None:
        self.new += other.new
        self.duplicate += other.duplicate
        self.rejected += other.rejected


def dedup_key(item: CollectedItem, source: Source | None) -> str:
    if item.url:
        return "u:" + hashlib.sha1(item.url.encode()).hexdigest()
    return id_key(item.site, item.external_id, source)


def id_key(site: str, external_id: str, source: Source | None) -> str:
    """The key of an item known by its id: unique within its site (or its source, without one)."""
    scope = site or (f"source{source.pk}" if source else "")
    return "i:" + hashlib.sha1(f"{scope}|{external_id}".encode()).hexdigest()


def content_hash(item: CollectedItem) -> str:
    basis = " ".join((item.title + " " + item.text).split())
    return hashlib.sha1(basis.encode()).hexdigest() if basis else ""


def _document(item: CollectedItem, source: Source | None, key: str) -> Document:
    now = timezone.now()
    counts = item.engagement or {}
    return Document(
        source=source,
        dedup_key=key,
        external_id=(item.external_id or "")[:200],
        url=item.url[:2000],
        site=(item.site or (source.site if source else ""))[:200],
        title=item.title,
        text=item.text,
        author=item.author[:300],
        published_at=item.published_at or now,
        published_known=item.published_at is not None,
        collected_at=now,
        language=item.language[:16],
        content_hash=content_hash(item),
        reposts=_count(counts, "reposts"),
        comments=_count(counts, "comments"),
        likes=_count(counts, "likes"),
        views=_count(counts, "views"),
        raw=item.raw,
        kind=(item.kind or "")[:10],
        parent_ref=(item.parent_id or "")[:200],
        root_ref=(item.root_id or "")[:200],
        platform=(item.platform or "")[:20],
        account_kind=(item.account_kind or "")[:12],
        ip_location=(item.ip_location or "")[:50],
    )


def _count(counts: dict[str, int], name: str) -> int:
    return engagement.clamp(name, counts.get(name, 0))


def store_batch(
    records: Iterable[CollectedItem | Rejected], source: Source | None, run: CollectionRun | None,
    outcomes: bool = False,
) -> StoreStats:
    """Store one batch in one transaction: new documents indexed, duplicates counted, rejects kept.

    A duplicate that brings different engagement counts updates the stored counts and adds a
    snapshot (the same post collected again later is how growth is seen)."""
    records = [_cleaned(record) for record in records]
    stats = StoreStats(outcomes=[] if outcomes else None)
    items: dict[str, CollectedItem] = {}
    rejects: list[Rejected] = []
    keys: list[str | None] = []
    for record in records:
        if isinstance(record, Rejected):
            rejects.append(record)
            keys.append(None)
            continue
        key = dedup_key(record, source)
        keys.append(key)
        if key in items:  # the same item twice in one batch: the first one counts
            stats.duplicate += 1
            continue
        items[key] = record
    with transaction.atomic():
        existing = engagement.existing(list(items))
        unseen = [_document(item, source, key) for key, item in items.items() if key not in existing]
        created = insert_documents(unseen)
        if len(created) < len(unseen):  # another process stored some of them since we looked: duplicates now
            existing.update(engagement.existing([doc.dedup_key for doc in unseen if doc.pk is None]))
        index.index_documents(created)
        engagement.record(created, {key: item for key, item in items.items() if key in existing}, existing)
        quarantine(rejects, source, run)
        if created:
            events.emit("documents.stored", ids=[doc.pk for doc in created])
    stats.new += len(created)
    stats.duplicate += len(existing)
    stats.rejected += len(rejects)
    if outcomes:
        stats.outcomes = _outcomes(keys, {doc.dedup_key for doc in created})
        stats.reasons = [record.reason if isinstance(record, Rejected) else "" for record in records]
    return stats


def _cleaned(record: CollectedItem | Rejected) -> CollectedItem | Rejected:
    """The record as it may be stored (every field without NUL characters, see yuqing.text.nul), or a
    reject when it is too large to store."""
    if isinstance(record, Rejected):
        return record  # quarantine() cleans what it keeps
    if (size := len(record.title) + len(record.text)) > (limit := settings.YUQING.max_record_chars):
        # one 50 MB line made a 17-million-character document: 7.6 GB to analyse, a 323 MB page
        return Rejected(f"RecordTooLarge: {record.external_id or record.url}: {size:,} characters of title and text, more than "
                        f"YUQING_MAX_RECORD_CHARS ({limit:,}); not stored", record.raw or record.text[:MAX_RAW_CHARS],
                        _where(record), record.position)
    for name, value in vars(record).items():
        if isinstance(value, str) and "\x00" in value:
            setattr(record, name, without_nul(value))
    try:
        record.raw = value_without_nul(record.raw)
    except (ValueError, RecursionError) as error:  # nested deeper than JSON text can be written back
        return Rejected(f"UnstorableRecord: {record.external_id or record.url}: the record cannot be stored ({error})", "",
                        _where(record), record.position)
    return record


def _where(item: CollectedItem) -> str:
    return item.url or (f"line {item.position}" if item.position else item.external_id)


def _outcomes(keys: list[str | None], created: set[str]) -> list[str]:
    """Per record in input order; the first of two records with one key is the stored one."""
    result, seen = [], set()
    for key in keys:
        if key is None:
            result.append(QUARANTINED)
        else:
            result.append(STORED if key in created and key not in seen else DUPLICATE)
            seen.add(key)
    return result


def insert_documents(docs: list[Document]) -> list[Document]:
    """Insert the documents whose key is not stored yet, set their primary keys, and return them.

    One whose key another process stored meanwhile (or is storing: PostgreSQL waits for that
    transaction) is skipped and keeps no primary key, so a race between two collectors costs
    nothing but the duplicate. Plain SQL with the values adapted once: Django's bulk_create
    spends most of its time preparing each field of each row, which made imports ORM-bound
    (measured: 60% of an import's time)."""
    if not docs:
        return []
    columns, convert = _insert_plan()
    rows = [[fn(getattr(doc, attname)) for attname, fn in convert] for doc in docs]
    ids = dict(inserts.insert_new(Document._meta.db_table, columns, rows, key=["dedup_key"], returning=["dedup_key", "id"]))
    for doc in docs:
        if doc.dedup_key in ids:
            doc.pk = ids[doc.dedup_key]
            doc._state.adding = False
    return [doc for doc in docs if doc.dedup_key in ids]


def _insert_plan() -> tuple[list[str], list[tuple[str, Callable[[Any], Any]]]]:
    ops = connection.ops
    columns, convert = [], []
    for field in Document._meta.concrete_fields:
        if field.primary_key:
            continue
        if isinstance(field, models.DateTimeField):
            fn = ops.adapt_datetimefield_value
        elif isinstance(field, models.JSONField):
            fn = lambda value: ops.adapt_json_value(value, None)  # noqa: E731
        else:
            fn = lambda value: value  # noqa: E731
        columns.append(field.column)
        convert.append((field.attname, fn))
    return columns, convert


def quarantine(rejects: Iterable[Rejected], source: Source | None, run: CollectionRun | None) -> int:
    """Keep rejects for a person to see; the same record rejected again is not added twice."""
    fresh: dict[str, QuarantinedRecord] = {}
    for reject in rejects:
        raw = without_nul(_raw_text(reject.raw))
        where = without_nul(reject.where or "")[:2000]
        key = hashlib.sha1(f"{source.pk if source else ''}|{where}|{raw}".encode()).hexdigest()
        fresh[key] = QuarantinedRecord(source=source, run=run, reason=without_nul(reject.reason), where=where, raw=raw, fingerprint=key)
    known = set(QuarantinedRecord.objects.filter(fingerprint__in=list(fresh)).values_list("fingerprint", flat=True))
    QuarantinedRecord.objects.bulk_create([r for key, r in fresh.items() if key not in known])
    return len(fresh) - len(known)


def _raw_text(raw) -> str:
    if isinstance(raw, bytes):
        text = raw.decode("utf-8", errors="replace")
    elif isinstance(raw, str):
        text = raw
    else:
        try:
            text = json.dumps(raw, ensure_ascii=False, default=str)
        except (ValueError, RecursionError):  # nested too deeply to write out: keep what can be shown
            text = repr(type(raw))
    return text[:MAX_RAW_CHARS]
