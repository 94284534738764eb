"""The bigram search index beside the documents table: FTS5 on SQLite, tsvector on PostgreSQL.

The index stores only tokens (SQLite: a contentless FTS5 table; PostgreSQL: a tsvector with
title tokens weighted A), so it costs a fraction of the text. Keep it in step through
`index_documents` / `unindex_documents`; `rebuild` recreates it from the stored documents.

On PostgreSQL `document_search` is partitioned by day (native range partitioning on `day`, the
UTC date the document was stored, `collected_at`): each day's rows and GIN index live in their
own table `document_search_pYYYYMMDD`, so inserting stays as fast on the hundredth day as on the
first (a GIN index slows down as it grows), and retention drops a whole day's table instead of
deleting rows (documents.retention). The stored day, not the published one, because every new
document is stored *now*: inserts all go to today's small partition, and an import of old posts
or a wrong clock on a site never scatters rows over old days. The scheduler creates the
partitions ahead (`ensure_partitions`, documents.retention.run); a batch whose day has none yet
creates it; a row whose day cannot get one (an expired day, a race) lands in
`document_search_default`, so no row is ever refused. Searches read the parent table and see
every partition: queries are unchanged.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta, timezone as dt_timezone
from typing import Iterable, Protocol

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from yuqing.analysis.textindex import TokenPos, index_tokens, normalizer

FILLER = "\ue000"  # a private-use token for empty positions in FTS5 (never produced by a query)
PG_MAX_POSITION = 16383
PARENT = "document_search"
DEFAULT_PARTITION = "document_search_default"
PARTITION_PREFIX = "document_search_p"
DAYS_AHEAD = 7  # partitions the scheduler keeps ready beyond today


class Indexable(Protocol):
    pk: int
    title: str
    text: str
    collected_at: datetime  # its day picks the partition on PostgreSQL (today when absent)


def stored_day(doc) -> date:
    """The partition key of a document: the UTC date it was stored."""
    at = getattr(doc, "collected_at", None) or timezone.now()
    if timezone.is_naive(at):
        return at.date()
    return at.astimezone(dt_timezone.utc).date()


def today() -> date:
    return timezone.now().astimezone(dt_timezone.utc).date()


def partition_name(day: date) -> str:
    return f"{PARTITION_PREFIX}{day:%Y%m%d}"


def partition_sql(day: date) -> str:
    """The statement that creates the day's partition (its GIN and primary key come from the parent)."""
    return (
        f"CREATE TABLE IF NOT EXISTS {partition_name(day)} PARTITION OF {PARENT} "
        f"FOR VALUES FROM ('{day.isoformat()}') TO ('{(day + timedelta(days=1)).isoformat()}')"
    )


# PostgreSQL: the partitioned table, its GIN (created on every partition) and the default partition.
PG_SCHEMA = (
    f"CREATE TABLE IF NOT EXISTS {PARENT} ("
    # No foreign key: Django flushes test databases with TRUNCATE, which a reference to
    # documents_document would refuse; rows are removed by unindex_documents and by retention.
    # The primary key must hold the partition key; doc_id alone is unique all the same, since a
    # document has one stored day.
    "doc_id bigint NOT NULL, day date NOT NULL, tsv tsvector NOT NULL, PRIMARY KEY (doc_id, day)"
    ") PARTITION BY RANGE (day)",
    f"CREATE INDEX IF NOT EXISTS document_search_tsv ON {PARENT} USING gin (tsv)",
    f"CREATE TABLE IF NOT EXISTS {DEFAULT_PARTITION} PARTITION OF {PARENT} DEFAULT",
)


def _tokens(doc: Indexable) -> tuple[list[TokenPos], list[TokenPos]]:
    norm = normalizer()
    title = index_tokens(norm(doc.title or ""), start=1)
    body_start = (title[-1][1] + 2) if title else 1
    return title, index_tokens(norm(doc.text or ""), start=body_start)


def _fts_column(tokens: list[TokenPos]) -> str:
    if not tokens:
        return ""
    out: list[str] = []
    expected = tokens[0][1]
    for token, position in tokens:
        out.extend([FILLER] * (position - expected))
        out.append(token)
        expected = position + 1
    return " ".join(out)


def _tsvector_literal(title: list[TokenPos], body: list[TokenPos]) -> str:
    positions: dict[str, list[str]] = {}
    for tokens, weight in ((title, "A"), (body, "")):
        for token, position in tokens:
            positions.setdefault(token, []).append(f"{min(position, PG_MAX_POSITION)}{weight}")
    return " ".join(
        "'" + token.replace("\\", "\\\\").replace("'", "''") + "':" + ",".join(pos[:256])
        for token, pos in positions.items()
    )


def create_index(schema_connection=None) -> None:
    conn = schema_connection or connection
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS document_fts USING fts5("
                "title, body, content='', tokenize='unicode61 remove_diacritics 0')"
            )
        else:
            for statement in PG_SCHEMA:
                cursor.execute(statement)
    if conn.vendor != "sqlite":
        ensure_partitions([today() + timedelta(days=n) for n in range(DAYS_AHEAD + 1)], conn)


_known_days: set[date] = set()  # partitions this process has seen exist (saves a statement per batch)


def partitions(conn=None) -> dict[date, str]:
    """The day partitions of the PostgreSQL index, by day (the default partition is not listed)."""
    conn = conn or connection
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = %s AND c.relname LIKE %s",
            [PARENT, PARTITION_PREFIX + "%"],
        )
        names = [row[0] for row in cursor.fetchall()]
    found = {}
    for name in names:
        try:
            found[datetime.strptime(name[len(PARTITION_PREFIX):], "%Y%m%d").date()] = name
        except ValueError:
            continue
    return found


def ensure_partitions(days: Iterable[date], conn=None, not_before: date | None = None) -> list[date]:
    """Create the partitions of these days that do not exist yet (PostgreSQL; a no-op on SQLite).

    Days before `not_before` (expired by retention) get none: their rows go to the default
    partition. A day that cannot get its partition (another process is creating it, or rows of
    that day already sit in the default partition) is skipped: its rows go to the default
    partition, never lost. Returns the days created."""
    conn = conn or connection
    if conn.vendor == "sqlite":
        return []
    wanted = sorted({day for day in days if day not in _known_days and (not_before is None or day >= not_before)})
    if not wanted:
        return []
    existing = partitions(conn)
    created = []
    for day in wanted:
        if day not in existing:
            try:
                with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
                    cursor.execute(partition_sql(day))
            except DatabaseError:
                continue
            created.append(day)
        # remembered once committed (a partition created in a transaction rolled back is gone)
        transaction.on_commit(lambda day=day: _known_days.add(day), using=conn.alias)
    return created


def forget_partitions() -> None:
    """Forget which partitions exist (after some were dropped)."""
    _known_days.clear()


def drop_index(schema_connection=None) -> None:
    conn = schema_connection or connection
    with conn.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS document_fts" if conn.vendor == "sqlite" else "DROP TABLE IF EXISTS document_search")
    forget_partitions()


def index_documents(docs: Iterable[Indexable]) -> int:
    rows = []
    for doc in docs:
        title, body = _tokens(doc)
        if connection.vendor == "sqlite":
            rows.append((doc.pk, _fts_column(title), _fts_column(body)))
        else:
            rows.append((doc.pk, stored_day(doc), _tsvector_literal(title, body)))
    if not rows:
        return 0
    if connection.vendor != "sqlite":
        from yuqing.documents.retention import oldest_kept_day

        ensure_partitions({row[1] for row in rows}, not_before=oldest_kept_day())
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO document_fts(rowid, title, body) VALUES (%s, %s, %s)", rows)
        return len(rows)
    by_day: dict[date, list[tuple]] = {}
    for row in rows:
        by_day.setdefault(row[1], []).append(row)
    recent = today() - timedelta(days=1)  # retention never drops yesterday's or today's partition
    for day, day_rows in by_day.items():
        if day in _known_days and day >= recent:
            # straight into the day's table: PostgreSQL skips routing each row through the parent
            # (about 15 % of the insert's CPU); should the table be gone after all, the parent takes them
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.executemany(_INSERT.format(table=partition_name(day)), day_rows)
                continue
            except DatabaseError:
                _known_days.discard(day)
        with connection.cursor() as cursor:
            cursor.executemany(_INSERT.format(table=PARENT), day_rows)
    return len(rows)


_INSERT = ("INSERT INTO {table} (doc_id, day, tsv) VALUES (%s, %s, %s::tsvector) "
           "ON CONFLICT (doc_id, day) DO UPDATE SET tsv = EXCLUDED.tsv")


_unindexed_already = ContextVar("unindexed_already", default=False)


@contextmanager
def index_rows_already_removed():
    """Within: deleting documents leaves the PostgreSQL index alone (retention removed their rows at once)."""
    token = _unindexed_already.set(True)
    try:
        yield
    finally:
        _unindexed_already.reset(token)


def unindex_documents(docs: Iterable[Indexable]) -> None:
    """Remove documents from the index. `docs` must carry the title and text that were indexed."""
    if connection.vendor != "sqlite" and _unindexed_already.get():
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            rows = []
            for doc in docs:
                title, body = _tokens(doc)
                rows.append((doc.pk, _fts_column(title), _fts_column(body)))
            cursor.executemany(
                "INSERT INTO document_fts(document_fts, rowid, title, body) VALUES ('delete', %s, %s, %s)", rows
            )
        else:
            cursor.executemany("DELETE FROM document_search WHERE doc_id = %s", [(doc.pk,) for doc in docs])


def rebuild(batch_size: int = 2000, progress=None) -> int:
    """Recreate the whole index from the documents table (after a normalisation change)."""
    from yuqing.documents.models import Document

    drop_index()
    create_index()
    done = 0
    queryset = Document.objects.only("id", "title", "text", "collected_at").order_by("id")
    last_id = 0
    while True:
        batch = list(queryset.filter(id__gt=last_id)[:batch_size])
        if not batch:
            return done
        index_documents(batch)
        done += len(batch)
        last_id = batch[-1].pk
        if progress:
            progress(done)
