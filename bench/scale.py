#!/usr/bin/env python
"""Throughput of 1 worker against 2 workers, side by side in one run, on PostgreSQL.

    .venv/bin/python bench/scale.py --postgres postgresql://postgres@127.0.0.1:5432/postgres [--posts 20000]

For each worker count a fresh database gets the same slice of the real Weibo stream
(../shared/data/stream), stored with analysis off, and one scheme that alerts on every story;
then N `yuqing worker` processes (every role) start and the clock runs until every post is
analysed and every task (matching, alerts, notifications) is done. Throughput is counted between
the first and the last analysed post (the database's own timestamps), so process start-up is left
out; start-up is printed apart. "PG cores" is PostgreSQL's CPU time over the run's wall time
(from /proc, when PostgreSQL runs on this machine); the analysis share is the pipeline's own time
for the slice in this process, over the span.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.shared_data import SHARED_DATA as SHARED  # noqa: E402
from tests.work.harness import (Workspace, drop_postgres_database, postgres_database, stop,  # noqa: E402
                                stream_slice)



def postgres_cpu_seconds() -> float:
    """CPU seconds used so far by every postgres process on this machine (0 if none is visible)."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if "(postgres)" in stat:
            fields = stat.rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def run(posts: Path, base_url: str, workers: int) -> dict:
    name = f"yuqing_scale_{workers}"
    workspace = Workspace(Path(tempfile.mkdtemp(prefix=f"yq-scale-{workers}-")), postgres_database(base_url, name),
                          lease_seconds="")
    try:
        workspace.setup()
        env_off = {"YUQING_ANALYZE_ON_STORE": "0"}
        os.environ.update(env_off)
        workspace.run("import", str(posts), "--site", "weibo.com", timeout=3600)
        os.environ.pop("YUQING_ANALYZE_ON_STORE")
        cpu_before, started = postgres_cpu_seconds(), time.monotonic()
        processes = [workspace.start("worker") for _ in range(workers)]
        workspace.wait_idle(timeout=3600)
        wall, cpu = time.monotonic() - started, postgres_cpu_seconds() - cpu_before
        for process in processes:
            stop(process)
        first, last, analysed = workspace.query(
            "SELECT EXTRACT(EPOCH FROM MIN(analyzed_at)), EXTRACT(EPOCH FROM MAX(analyzed_at)), COUNT(*)"
            " FROM documents_document WHERE analyzed_at IS NOT NULL")[0]
        span = max(float(last) - float(first), 1e-6)
        return {"workers": workers, "posts": analysed, "span": span, "wall": wall, "startup": wall - span,
                "rate": analysed / span, "db_cpu": cpu}
    finally:
        drop_postgres_database(base_url, name)


def analysis_seconds(posts: Path) -> float:
    """The pipeline alone over the same posts, in this process (its windows fresh)."""
    import json

    from yuqing.analysis.assemble import build_pipeline

    rows = [json.loads(line) for line in posts.open(encoding="utf-8")]
    batch = [{"id": str(n), "text": row.get("text") or "", "title": "", "created_at": float(row["created_at"]),
              "url": "", "site": "weibo.com", "author": row.get("author") or "", "source": "", "lang": "",
              "ip_location": "", "parent_id": None} for n, row in enumerate(rows)]
    pipeline = build_pipeline()
    started = time.perf_counter()
    for start in range(0, len(batch), 2000):
        pipeline.run(batch[start:start + 2000])
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", required=True, help="a database URL whose server may create databases")
    parser.add_argument("--posts", type=int, default=20000)
    args = parser.parse_args()
    posts = stream_slice(SHARED / "stream" / "ced_weibo_dev.jsonl.gz", Path(tempfile.mkdtemp()) / "stream.jsonl", args.posts)
    results = [run(posts, args.postgres, workers) for workers in (1, 2)]
    pipeline = analysis_seconds(posts)
    print(f"{'workers':>8}{'posts':>8}{'posts/s':>10}{'per worker':>12}{'start-up s':>12}{'PG cores':>10}{'analysis share':>16}")
    for r in results:
        print(f"{r['workers']:>8}{r['posts']:>8}{r['rate']:>10.0f}{r['rate'] / r['workers']:>12.0f}{r['startup']:>12.1f}"
              f"{r['db_cpu'] / r['wall']:>10.2f}{pipeline / r['span']:>16.0%}")
    print(f"ratio, 2 workers / 1 worker: {results[1]['rate'] / results[0]['rate']:.2f}x  "
          f"(pipeline alone: {len(open(posts, encoding='utf-8').readlines()) / pipeline:.0f} posts/s in one process; "
          f"{os.cpu_count()} cores here)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
