"""Inserts that can race: `INSERT … ON CONFLICT DO NOTHING RETURNING`, on SQLite and PostgreSQL.

Two processes may store the same post, or match the same post against the same scheme, at the
same moment. A plain INSERT makes the second one fail with a unique violation and lose its whole
batch. `insert_new` skips the rows whose key is stored already (on PostgreSQL it waits for a
concurrent transaction that is inserting the same key, then skips the row if that one commits)
and returns only the rows this call inserted, so exactly one process goes on with each row.

Rows go in ordered by their key: two transactions inserting overlapping sets take the key locks
in the same order, so neither waits for the other while holding what it waits for (no deadlock).
"""

from __future__ import annotations

from typing import Any, Sequence

from django.db import connection

# SQLite (3.32+) allows 32766 parameters a statement, PostgreSQL 65535.
MAX_PARAMS = 32_000
MAX_ROWS = 500


def insert_new(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], key: Sequence[str],
               returning: Sequence[str]) -> list[tuple]:
    """Insert `rows` (values already adapted for the database, in `columns` order) into `table`,
    skipping every row whose unique `key` columns match a stored row; returns the `returning`
    columns of the rows this call inserted."""
    if not rows:
        return []
    at = [list(columns).index(name) for name in key]
    rows = sorted(rows, key=lambda row: [row[i] for i in at])
    quote = connection.ops.quote_name
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    head = f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES "
    conflict = f" ON CONFLICT ({', '.join(quote(c) for c in key)}) DO NOTHING"
    size = max(1, min(MAX_ROWS, MAX_PARAMS // len(columns)))
    found: list[tuple] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            sql, params = head + ", ".join([one] * len(chunk)) + conflict, [value for row in chunk for value in row]
            if can_return():
                cursor.execute(sql + f" RETURNING {', '.join(quote(c) for c in returning)}", params)
                found += [tuple(row) for row in cursor.fetchall()]
            else:
                found += _insert_then_read(cursor, table, sql, params, [[row[i] for i in at] for row in chunk], key, returning)
    return found


def can_return() -> bool:
    """PostgreSQL, and SQLite from 3.35 on, return the inserted rows."""
    return connection.features.can_return_rows_from_bulk_insert


def _insert_then_read(cursor, table: str, sql: str, params: list, keys: list[list], key: Sequence[str],
                      returning: Sequence[str]) -> list[tuple]:
    """SQLite before 3.35 (no RETURNING): which keys were stored before, the insert, then the new rows.

    Exact on SQLite, where a write transaction holds the database from its start (yuqing opens
    them IMMEDIATE): nobody else inserts between the first read and the insert."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in key)
    where = f"({columns}) IN (VALUES {', '.join(['(' + ', '.join(['%s'] * len(key)) + ')'] * len(keys))})"
    flat = [value for values in keys for value in values]
    cursor.execute(f"SELECT {columns} FROM {quote(table)} WHERE {where}", flat)
    before = {tuple(row) for row in cursor.fetchall()}
    cursor.execute(sql, params)
    cursor.execute(f"SELECT {columns}, {', '.join(quote(c) for c in returning)} FROM {quote(table)} WHERE {where}", flat)
    return [tuple(row[len(key):]) for row in cursor.fetchall() if tuple(row[: len(key)]) not in before]
