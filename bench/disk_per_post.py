#!/usr/bin/env python
"""Disk taken per stored post on PostgreSQL, by table, after the whole product has worked on them.

    .venv/bin/python bench/disk_per_post.py --postgres postgresql://postgres@127.0.0.1:5432/postgres [--posts 20000]

A fresh database gets the first `--posts` posts of the real Weibo stream (../shared/data/stream),
imported as `bench/scale.py` does and analysed by one `yuqing worker` with one scheme that alerts
on every story (so matches, alerts and tasks are there too); then every table's size (heap, TOAST
and indexes: pg_total_relation_size, after VACUUM) is divided by the posts stored. Work rows that
housekeeping deletes after a day (done tasks) are shown apart. For the sizing table in
docs/deployment.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import os  # noqa: E402

from tests.shared_data import SHARED_DATA as SHARED  # noqa: E402
from tests.work.harness import Workspace, drop_postgres_database, postgres_database, stop, stream_slice  # noqa: E402

NAME = "yuqing_disk_per_post"
GROUPS = (  # what each table is, for the summary
    ("documents (rows, TOAST, indexes)", ("documents_document",)),
    ("search index (all day partitions)", ("document_search",)),
    ("analysis, places, engagement", ("documents_", "analysis")),
    ("matching and alerts", ("monitoring_",)),
    ("work queue (done tasks kept a day)", ("work_",)),
)


def _peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", required=True)
    parser.add_argument("--posts", type=int, default=20000)
    args = parser.parse_args()
    posts = stream_slice(SHARED / "stream" / "ced_weibo_dev.jsonl.gz", Path(tempfile.mkdtemp()) / "stream.jsonl", args.posts)
    text_bytes = sum(len(line.encode()) for line in posts.open(encoding="utf-8"))
    workspace = Workspace(Path(tempfile.mkdtemp(prefix="yq-disk-")), postgres_database(args.postgres, NAME), lease_seconds="")
    try:
        workspace.setup()
        os.environ["YUQING_ANALYZE_ON_STORE"] = "0"
        started = time.monotonic()
        workspace.run("import", str(posts), "--site", "weibo.com", timeout=3600)
        os.environ.pop("YUQING_ANALYZE_ON_STORE")
        worker = workspace.start("worker")
        workspace.wait_idle(timeout=3600)
        peak_rss = _peak_rss_mb(worker.pid)
        stop(worker)
        print(f"{args.posts:,} posts imported and analysed in {time.monotonic() - started:.0f} s; "
              f"the worker's peak memory (VmHWM): {peak_rss:,.0f} MB")
        import psycopg

        with psycopg.connect(workspace.database_url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
            stored = conn.execute("SELECT count(*) FROM documents_document").fetchone()[0]
            sizes = conn.execute(
                "SELECT c.relname, COALESCE(p.relname, ''), pg_total_relation_size(c.oid) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public' "
                "LEFT JOIN pg_inherits i ON i.inhrelid = c.oid LEFT JOIN pg_class p ON p.oid = i.inhparent "
                "WHERE c.relkind IN ('r', 'm')"
            ).fetchall()
    finally:
        drop_postgres_database(args.postgres, NAME)
    by_group: dict[str, int] = {label: 0 for label, _ in GROUPS}
    by_group["everything else"] = 0
    for name, parent, size in sizes:
        table = parent or name
        for label, prefixes in GROUPS:
            if any(table == prefix or (prefix.endswith("_") and table.startswith(prefix)) or
                   (not prefix.endswith("_") and table.startswith(prefix + "_")) for prefix in prefixes):
                by_group[label] += size
                break
        else:
            by_group["everything else"] += size
    total = sum(by_group.values())
    print(f"{stored:,} documents stored; the input was {text_bytes / args.posts:,.0f} bytes of JSON per post")
    print(f"{'':<40}{'bytes/post':>12}{'MB':>10}")
    for label, size in by_group.items():
        print(f"{label:<40}{size / stored:>12,.0f}{size / 1e6:>10.1f}")
    print(f"{'total':<40}{total / stored:>12,.0f}{total / 1e6:>10.1f}")
    big = sorted(sizes, key=lambda row: -row[2])[:8]
    print("largest tables: " + ", ".join(f"{name} {size / stored:,.0f} B/post" for name, _, size in big))
    return 0


if __name__ == "__main__":
    sys.exit(main())
