"""Retention (YUQING_RETENTION_DAYS) and the day partitions of the search index, run by the scheduler.

Every hour (`run`, declared on DocumentsConfig.scheduled): on PostgreSQL, the index partitions of
today and the next `index.DAYS_AHEAD` days are created if missing; then, when
YUQING_RETENTION_DAYS is set, what was stored before the oldest day kept goes away:

- on PostgreSQL the index partitions of those days are dropped whole (one `DROP TABLE` per day,
  instead of deleting a day's rows one by one from a big GIN index), and the expired rows that sat
  in the default partition are deleted;
- the documents themselves, and what hangs on them (engagement snapshots, places, matches,
  corrections, marks), are deleted in batches. The documents table is not partitioned (see
  docs/deployment.md, "PostgreSQL at volume", for why not yet).

A document that an incident holds as evidence (added by hand to an incident) is kept past the
retention time; on PostgreSQL its index row moves to the default partition, so it is still found.

The day is the UTC date a document was stored (`collected_at`), the partition key of the index.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta, timezone as dt_timezone

from django.conf import settings
from django.db import connection, transaction

from yuqing.documents import index

log = logging.getLogger(__name__)

BATCH = 1000


def oldest_kept_day(days: int | None = None) -> date | None:
    """The first day retention keeps (None: everything is kept)."""
    days = settings.YUQING.retention_days if days is None else days
    if not days:
        return None
    return index.today() - timedelta(days=days)


def run() -> dict:
    """The scheduled job: partitions ahead, then retention. Returns what it did."""
    index.forget_partitions()  # look again: an operator may have dropped or created some by hand
    created = index.ensure_partitions(
        [index.today() + timedelta(days=n) for n in range(index.DAYS_AHEAD + 1)], not_before=oldest_kept_day()
    )
    done = expire()
    done["partitions_created"] = len(created)
    return done


def expire(days: int | None = None) -> dict:
    """Remove what was stored before the oldest day kept; see the module's docstring."""
    first = oldest_kept_day(days)
    done = {"partitions_dropped": 0, "documents_deleted": 0, "documents_kept": 0}
    if first is None:
        return done
    from yuqing.documents.models import Document
    from yuqing.incidents.models import LinkedDocument

    cutoff = datetime.combine(first, time.min, tzinfo=dt_timezone.utc)
    expired = Document.objects.filter(collected_at__lt=cutoff)
    kept = list(
        LinkedDocument.objects.filter(included=True, document__collected_at__lt=cutoff)
        .values_list("document_id", flat=True).distinct()
    )
    done["documents_kept"] = len(kept)
    postgres = connection.vendor != "sqlite"
    if postgres:
        with transaction.atomic():
            old = sorted(day for day in index.partitions() if day < first)
            with connection.cursor() as cursor:
                for day in old:
                    cursor.execute(f"DROP TABLE IF EXISTS {index.partition_name(day)}")
                cursor.execute(
                    f"DELETE FROM {index.DEFAULT_PARTITION} WHERE day < %s AND NOT (doc_id = ANY(%s))", [first, kept]
                )
            index.forget_partitions()
            # the evidence kept: indexed again, into the default partition (their day has none now)
            index.index_documents(Document.objects.filter(id__in=kept).only("id", "title", "text", "collected_at"))
        done["partitions_dropped"] = len(old)
        if old:
            log.info("retention: dropped the index partitions of %s to %s", old[0], old[-1])
    while True:
        ids = list(expired.exclude(id__in=kept).order_by("id").values_list("id", flat=True)[:BATCH])
        if not ids:
            break
        # PostgreSQL: their index rows went with the partitions above; SQLite: each leaves the FTS5 index
        # (documents.apps; index_rows_already_removed concerns PostgreSQL's index only)
        with transaction.atomic(), index.index_rows_already_removed():
            Document.objects.filter(id__in=ids).delete()
        done["documents_deleted"] += len(ids)
    if done["documents_deleted"]:
        log.info("retention: deleted %d documents stored before %s", done["documents_deleted"], first)
    return done
