#!/usr/bin/env python
"""Search latency over ≥1M stored posts on SQLite, with exact counts checked against a scan.

    python bench/search.py --home /tmp/yq-bench            # loads the corpus on first run
    python bench/search.py --home /tmp/yq-bench --queries 40

The corpus is the real Weibo stream (../shared/data/stream, 640,961 posts) imported twice: as
is, and a second copy with new ids shifted one year back, so the index holds 1.28M posts. For
each query (2- and 4-character terms sampled from the corpus, frequent and rare) it prints the
latency of the count and of the first page (newest 20), median and p95, and compares every
count with a brute-force substring scan over the normalised texts. The baseline in the same
run is that scan itself (SQL LIKE over the table) for a sample of the queries.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

STREAM = Path(os.environ.get("YUQING_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")) / "stream/ced_weibo_dev.jsonl.gz"
YEAR = 365 * 24 * 3600


def setup(home: str) -> None:
    os.environ["YUQING_HOME"] = home
    os.environ.pop("YUQING_DATABASE_URL", None)
    os.environ["YUQING_ANALYZE_ON_STORE"] = "0"  # this measures search, not analysis
    from yuqing.commands.setup import django_setup, migrate

    django_setup(home, create=True)
    migrate()


def stream_rows(copy: int):
    with gzip.open(STREAM, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if copy:
                row["id"] = f"{row['id']}-copy{copy}"
                row["created_at"] = int(row["created_at"]) - copy * YEAR
            yield row


def load(copies: int) -> None:
    from datetime import datetime, timezone

    from yuqing.collect.items import CollectedItem
    from yuqing.documents.models import Document
    from yuqing.documents.store import store_batch

    if Document.objects.count() >= 640_961 * copies:
        return
    started, total = time.perf_counter(), 0
    for copy in range(copies):
        batch = []
        for row in stream_rows(copy):
            batch.append(CollectedItem(external_id=str(row["id"]), text=row.get("text") or "", author=row.get("author") or "",
                                       site="weibo.com", published_at=datetime.fromtimestamp(int(row["created_at"]), timezone.utc)))
            if len(batch) == 5000:
                total += store_batch(batch, None, None).new
                batch = []
                print(f"\rloading: {total:,} posts ({total / (time.perf_counter() - started):,.0f}/s)", end="", file=sys.stderr)
        total += store_batch(batch, None, None).new
    print(file=sys.stderr)


def corpus_texts() -> list[str]:
    from yuqing.analysis.textindex import normalizer
    from yuqing.documents.models import Document

    norm = normalizer()
    return [norm(t or "") + "\n" + norm(x or "") for t, x in Document.objects.values_list("title", "text").iterator(chunk_size=20000)]


def sample_queries(texts: list[str], n: int, rng: random.Random) -> list[str]:
    from yuqing.analysis.textindex import runs

    grams: Counter[str] = Counter()
    for text in rng.sample(texts, min(50_000, len(texts))):
        for run, cjk in runs(text):
            if cjk:
                for size in (2, 4):
                    for i in range(0, len(run) - size + 1, 3):
                        grams[run[i : i + size]] += 1
    picked: list[str] = []
    for size in (2, 4):
        ranked = [g for g, _ in grams.most_common() if len(g) == size]
        half = n // 4
        picked += ranked[:half]  # frequent
        picked += rng.sample(ranked[len(ranked) // 2 :], half)  # rare
    return picked


def timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--home", default="/tmp/yuqing-bench-search")
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--baseline-sample", type=int, default=4)
    args = parser.parse_args()
    setup(args.home)
    load(args.copies)
    from django.db import connection

    from yuqing.documents.search import count, search

    texts = corpus_texts()
    print(f"corpus: {len(texts):,} stored posts (SQLite {connection.Database.sqlite_version})")
    queries = sample_queries(texts, args.queries, random.Random(3))
    rows, mismatches = [], 0
    for query in queries:
        count_s, total = timed(lambda: count(f'"{query}"'))
        page_s, _ = timed(lambda: search(f'"{query}"', limit=20))
        expected = sum(1 for t in texts if query in t)
        mismatches += total != expected
        rows.append((query, len(query), total, expected, count_s, page_s))
        print(f"  {query}  count {total:>8,} (scan {expected:>8,}) {'OK' if total == expected else 'MISMATCH'}  count {count_s * 1000:7.1f} ms  first page {page_s * 1000:7.1f} ms")
    for size in (2, 4):
        for label, idx in (("count", 4), ("first page", 5)):
            values = [r[idx] * 1000 for r in rows if r[1] == size]
            print(f"{size}-character queries, {label}: median {statistics.median(values):.1f} ms, p95 {pct(values, 0.95):.1f} ms (n={len(values)})")
    baseline = []
    with connection.cursor() as cursor:
        for query in queries[:: max(1, len(queries) // args.baseline_sample)][: args.baseline_sample]:
            seconds, _ = timed(lambda: cursor.execute("SELECT count(*) FROM documents_document WHERE text LIKE %s", [f"%{query}%"]).fetchone())
            baseline.append(seconds * 1000)
    ours = [r[4] * 1000 for r in rows]
    print(f"baseline LIKE scan count: median {statistics.median(baseline):.1f} ms; index count median {statistics.median(ours):.1f} ms "
          f"-> {statistics.median(baseline) / statistics.median(ours):.0f}x")
    print(f"exact counts: {len(rows) - mismatches}/{len(rows)} match the scan")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
