#!/usr/bin/env python
"""The analysis owner's batch on PostgreSQL: loading it and writing its results, each two ways side by side.

    .venv/bin/python bench/owner_batch.py --postgres postgresql://postgres@127.0.0.1:5432/postgres [--posts 8000]

A fresh database gets a slice of the real Weibo stream, stored with analysis off, as
bench/scale.py prepares it. Then, on the first 2,000 waiting documents (one owner batch):
- load: the batch with every column of Document against only the columns analysis reads
  (postview.POST_FIELDS, what the owner loads), each followed by posts_for;
- write: the batch's results (the pipeline run once, untimed) written with the `executemany` of
  one UPDATE a document (what the owner did before), one `UPDATE … FROM (VALUES …)`, one
  `UPDATE … FROM unnest(column arrays)` with the stage versions and the time as arrays too (one
  element a row, as in stop 19), and the same with those two sent once for the batch (what
  analysis_store.save_results does now), each in a transaction rolled back; then the shipped
  write again with the eleven indexes that migration 0013 dropped created again first (inside
  the same rolled-back transaction, untimed).
Best of `--rounds`, the ways measured in turn in each round, and the ratio to the first.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.shared_data import SHARED_DATA as SHARED  # noqa: E402
from tests.work.harness import Workspace, drop_postgres_database, postgres_database, stream_slice  # noqa: E402

BATCH = 2000


def prepare(base_url: str, posts: int) -> tuple[str, Workspace]:
    url = postgres_database(base_url, "yuqing_owner_batch")
    workspace = Workspace(Path(tempfile.mkdtemp(prefix="yq-owner-")), url, lease_seconds="")
    workspace.setup()
    source = stream_slice(SHARED / "stream" / "ced_weibo_dev.jsonl.gz", Path(tempfile.mkdtemp()) / "s.jsonl", posts)
    os.environ["YUQING_ANALYZE_ON_STORE"] = "0"
    workspace.run("import", str(source), "--site", "weibo.com", timeout=3600)
    os.environ.pop("YUQING_ANALYZE_ON_STORE")
    return url, workspace


def once(run: Callable[[], object], rolled_back: bool = False, setup: Callable[[], object] | None = None) -> float:
    from django.db import transaction

    with transaction.atomic():
        if setup:
            setup()
        started = time.perf_counter()
        run()
        took = time.perf_counter() - started
        if rolled_back:
            transaction.set_rollback(True)
    return took


def measure(rounds: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from yuqing.analysis.assemble import build_pipeline
    from yuqing.documents import analysis_store
    from yuqing.documents.models import Document
    from yuqing.documents.postview import POST_FIELDS, posts_for

    waiting = Document.objects.filter(analyzed_at=None).select_related("source").order_by("published_at", "id")
    loads = {"every column": lambda: posts_for(list(waiting[:BATCH])),
             "POST_FIELDS (shipped)": lambda: posts_for(list(waiting.only(*POST_FIELDS)[:BATCH]))}
    docs = list(waiting.only(*POST_FIELDS)[:BATCH])
    pipeline = build_pipeline()
    posts, versions, now = pipeline.run(posts_for(docs)), pipeline.versions(), timezone.now()
    def rows_with(as_json: Callable[[object], object]) -> list[list]:
        return sorted((analysis_store._row(post, as_json) + [doc.pk] for doc, post in zip(docs, posts)),
                      key=lambda row: row[-1])

    def whole(rows: list[list], batch: list) -> list[list]:  # every RESULT_COLUMN a row, then the id
        return [row[:-1] + batch + row[-1:] for row in rows]

    batch = [json.dumps(versions), now]
    rows = whole(rows_with(lambda value: connection.ops.adapt_json_value(value, None)),
                 [connection.ops.adapt_json_value(versions, None), now])
    unnest = analysis_store._update_from_arrays(rows_with(json.dumps), batch)
    stop19 = analysis_store._update_from_arrays(whole(rows_with(json.dumps), batch), [],  # every column an array
                                                per_row=analysis_store.RESULT_COLUMNS, once=())
    writes = {"executemany (before)": lambda: _executemany(connection, rows),
              "one UPDATE FROM VALUES": lambda: _one_update(connection, rows),
              "unnest, versions a row (stop 19)": lambda: connection.cursor().execute(*stop19),
              "UPDATE FROM unnest (shipped)": lambda: connection.cursor().execute(*unnest),
              "shipped, with the dropped indexes": lambda: connection.cursor().execute(*unnest)}
    print(f"one owner batch of {len(docs):,} documents, best of {rounds}")
    setups = {"shipped, with the dropped indexes": lambda: _dropped_indexes(connection)}
    for title, ways, rolled_back in (("load", loads, False), ("write", writes, True)):
        found: dict[str, float] = {}
        for _ in range(rounds):  # each way in turn, round after round: a noisy moment hits them all alike
            for name, run in ways.items():
                found[name] = min(found.get(name, float("inf")), once(run, rolled_back, setups.get(name)))
        first = next(iter(found.values()))
        for name, seconds in found.items():
            print(f"  {title:<6}{name:<34}{seconds * 1000:9.1f} ms{seconds / first:8.2f}x")


def _executemany(connection, rows: list[list]) -> None:
    from yuqing.documents.analysis_store import RESULT_COLUMNS

    assignments = ", ".join(f"{column} = %s" for column in RESULT_COLUMNS)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE documents_document SET {assignments} WHERE id = %s", rows)


def _dropped_indexes(connection) -> None:
    """documents_document's indexes as they were before migration 0013 (its `restore`)."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    migration = MigrationLoader(connection).get_migration("documents", "0013_drop_unused_document_indexes")
    with connection.schema_editor(atomic=False) as editor:
        migration.operations[0].reverse_code(apps, editor)


def _one_update(connection, rows: list[list]) -> None:
    from yuqing.documents.analysis_store import RESULT_COLUMNS
    from yuqing.documents.models import Document

    types = {field.column: field.db_type(connection) for field in Document._meta.fields}
    values = ", ".join("(" + ", ".join(["%s"] * (len(RESULT_COLUMNS) + 1)) + ")" for _ in rows)
    assignments = ", ".join(f"{column} = v.{column}::{types[column]}" for column in RESULT_COLUMNS)
    sql = (f"UPDATE documents_document AS d SET {assignments} FROM (VALUES {values}) "
           f"AS v({', '.join(RESULT_COLUMNS)}, id) WHERE d.id = v.id::integer")
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", required=True, help="a database URL whose server may create databases")
    parser.add_argument("--posts", type=int, default=8000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    url, workspace = prepare(args.postgres, args.posts)
    try:
        os.environ.update({"YUQING_DATABASE_URL": url, "YUQING_HOME": str(workspace.home)})
        from yuqing.commands.setup import django_setup

        django_setup(None)
        measure(args.rounds)
    finally:
        from django.db import connections

        connections.close_all()
        drop_postgres_database(args.postgres, "yuqing_owner_batch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
