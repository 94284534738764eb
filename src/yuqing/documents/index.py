"""The bigram search index beside the documents table: FTS5 on SQLite, tsvector on PostgreSQL.

The index stores only tokens (SQLite: a contentless FTS5 table; PostgreSQL: a tsvector with
title tokens weighted A), so it costs a fraction of the text. Keep it in step through
`index_documents` / `unindex_documents`; `rebuild` recreates it from the stored documents.
"""

from __future__ import annotations

from typing import Iterable, Protocol

from django.db import connection

from yuqing.analysis.textindex import TokenPos, index_tokens, normalizer

FILLER = "\ue000"  # a private-use token for empty positions in FTS5 (never produced by a query)
PG_MAX_POSITION = 16383


class Indexable(Protocol):
    pk: int
    title: str
    text: str


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
            cursor.execute(
                "CREATE TABLE IF NOT EXISTS document_search ("
                # No foreign key: Django flushes test databases with TRUNCATE, which a reference
                # to documents_document would refuse; rows are removed by unindex_documents.
                "doc_id bigint PRIMARY KEY, tsv tsvector NOT NULL)"
            )
            cursor.execute("CREATE INDEX IF NOT EXISTS document_search_tsv ON document_search USING gin (tsv)")


def drop_index(schema_connection=None) -> None:
    conn = schema_connection or connection
    with conn.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS document_fts" if conn.vendor == "sqlite" else "DROP TABLE IF EXISTS document_search")


def index_documents(docs: Iterable[Indexable]) -> int:
    rows = []
    for doc in docs:
        title, body = _tokens(doc)
        if connection.vendor == "sqlite":
            rows.append((doc.pk, _fts_column(title), _fts_column(body)))
        else:
            rows.append((doc.pk, _tsvector_literal(title, body)))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany("INSERT INTO document_fts(rowid, title, body) VALUES (%s, %s, %s)", rows)
        else:
            cursor.executemany(
                "INSERT INTO document_search(doc_id, tsv) VALUES (%s, %s::tsvector) "
                "ON CONFLICT (doc_id) DO UPDATE SET tsv = EXCLUDED.tsv",
                rows,
            )
    return len(rows)


def unindex_documents(docs: Iterable[Indexable]) -> None:
    """Remove documents from the index. `docs` must carry the title and text that were indexed."""
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
    queryset = Document.objects.only("id", "title", "text").order_by("id")
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
