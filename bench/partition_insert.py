#!/usr/bin/env python
"""Insert rate into today's partition of the search index as the index grows (issue 10), against the
same inserts into one unpartitioned table (the index before issue 10), in the same run.

    .venv/bin/python bench/partition_insert.py --postgres postgresql://postgres@127.0.0.1:5432/postgres \
        [--sizes 0,1000000,5000000] [--measure 50000] [--batch 500] [--sample 50000] [--grow-by-inserts 500]

A fresh database `yuqing_bench_partition` is made (and dropped at the end). The rows are the real
index rows of the Weibo stream (../shared/data/stream): `--sample` posts are tokenised as yuqing
indexes them (documents.index) and their tsvectors fill the stored rows, repeated (a quick SQL
`generate_series` join, then one bulk index build, so filling 5M rows takes minutes, not hours);
the `--measure` next posts are the rows inserted and timed. Partitioned: the tables and SQL of
documents.index, old days hold up to 1M rows each (a busy office's day), the timed rows go to
today's empty partition. Unpartitioned: `doc_id PRIMARY KEY, tsv` with one GIN holding every row, bulk-loaded
and indexed once (or, with `--grow-by-inserts N`, grown through its GIN by committed INSERTs of N
rows, as a deployment grows it).
Rows go in as documents.store does it: batches of `--batch` through `index_documents`'s INSERT …
ON CONFLICT, one commit per batch, straight into the day's table as `index_documents` does once
the partition is known ("partitioned"), and also through the parent table ("via parent"). Each size is timed three times, alternating, every run printed, the best tabled.
The last line gives the disk the index takes per row (heap + GIN + primary key, from
pg_total_relation_size).
"""

from __future__ import annotations

import argparse
import gzip
import io
import itertools
import json
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(USE_TZ=True)  # documents.index's day helpers read the clock through Django

from tests.shared_data import SHARED_DATA  # noqa: E402
from yuqing.documents import index  # noqa: E402

DB = "yuqing_bench_partition"
PER_DAY = 1_000_000
RUNS = 3
FILL_ID = 100_000_000  # stored rows get ids from here on; timed rows 1..measure
# as documents.index.index_documents: straight into the day's table once it is known to exist
# ("partitioned"), and through the parent, which routes each row ("via parent")
PART_SQL = index._INSERT.format(table="{table}")
PARENT_SQL = index._INSERT.format(table=index.PARENT)
FLAT_SQL = ("INSERT INTO flat_search(doc_id, tsv) VALUES (%s, %s::tsvector) "
            "ON CONFLICT (doc_id) DO UPDATE SET tsv = EXCLUDED.tsv")  # the index before issue 10


def tsvectors(count: int, skip: int) -> list[str]:
    out = []
    with gzip.open(SHARED_DATA / "stream" / "ced_weibo_dev.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in itertools.islice(lines, skip, skip + count):
            record = json.loads(line)
            doc = SimpleNamespace(pk=0, title=record.get("title") or "", text=record.get("text") or "")
            literal = index._tsvector_literal(*index._tokens(doc))
            out.append(literal or "'空':1")
    return out


def setup(conn, sample: list[str]) -> None:
    for statement in index.PG_SCHEMA:
        conn.execute(statement)
    conn.execute("CREATE TABLE flat_search (doc_id bigint PRIMARY KEY, tsv tsvector NOT NULL)")
    conn.execute("CREATE INDEX flat_search_tsv ON flat_search USING gin (tsv)")
    conn.execute("CREATE TABLE sample (i int PRIMARY KEY, tsv tsvector NOT NULL)")
    with conn.cursor().copy("COPY sample (i, tsv) FROM STDIN") as copy:
        for i, literal in enumerate(sample):
            copy.write_row((i, literal))
    conn.execute("ANALYZE sample")


def fill_partitioned(conn, stored: int, target: int, n_sample: int) -> None:
    """Old days, `PER_DAY` rows each (the last one partly), each filled bare and attached (one index build)."""
    today = index.today()
    while stored < target:
        day_number = stored // PER_DAY + 1  # day 1 = yesterday
        day = today - timedelta(days=day_number)
        start = (day_number - 1) * PER_DAY
        rows = min(target, day_number * PER_DAY) - stored
        name = index.partition_name(day)
        attached = day in index.partitions(_Conn(conn))
        if attached:
            conn.execute(f"ALTER TABLE document_search DETACH PARTITION {name}")
        else:
            conn.execute(f"CREATE TABLE {name} (LIKE document_search INCLUDING DEFAULTS)")
            conn.execute(f"ALTER TABLE {name} ADD CHECK (day >= '{day}' AND day < '{day + timedelta(days=1)}')")
        for index_name in _indexes(conn, name):
            conn.execute(f"DROP INDEX {index_name}")
        conn.execute(f"ALTER TABLE {name} DROP CONSTRAINT IF EXISTS {name}_pkey")
        conn.execute(
            f"INSERT INTO {name} (doc_id, day, tsv) SELECT {FILL_ID} + g, '{day}', s.tsv "
            f"FROM generate_series({stored - start}, {stored - start + rows - 1}) g JOIN sample s ON s.i = (g + {start}) % {n_sample}"
        )
        conn.execute(f"ALTER TABLE document_search ATTACH PARTITION {name} FOR VALUES FROM ('{day}') TO ('{day + timedelta(days=1)}')")
        stored += rows
        conn.execute(f"VACUUM ANALYZE {name}")


def _indexes(conn, table: str) -> list[str]:
    return [row[0] for row in conn.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE %s", [table, "%pkey"]).fetchall()]


class _Conn:
    """Enough of a Django connection for index.partitions()."""

    vendor = "postgresql"

    def __init__(self, conn):
        self.conn = conn

    def cursor(self):
        return self.conn.cursor()


GROW = """
CREATE OR REPLACE PROCEDURE grow_flat(first bigint, last bigint, n_sample int, batch int) LANGUAGE plpgsql AS $$
DECLARE
  at bigint := first;
BEGIN
  WHILE at <= last LOOP
    INSERT INTO flat_search (doc_id, tsv) SELECT {fill} + g, s.tsv
      FROM generate_series(at, LEAST(at + batch - 1, last)) g,
           LATERAL (SELECT tsv FROM sample WHERE i = (g % n_sample)::int) s;  -- by key, not a hash of all
    COMMIT;
    at := at + batch;
  END LOOP;
END $$
"""


def fill_flat(conn, stored: int, target: int, n_sample: int, by_inserts: int = 0) -> None:
    """The same rows into the one table: index dropped, rows added, index built again over all; or,
    with `by_inserts`, added through the index in committed batches of that many rows, as a
    deployment grows it (slower to fill, and the GIN ends as inserts leave it, not freshly built)."""
    if target <= stored:
        return
    if by_inserts:
        conn.execute(GROW.format(fill=FILL_ID))
        conn.execute("CALL grow_flat(%s, %s, %s, %s)", [stored, target - 1, n_sample, by_inserts])
        conn.execute("VACUUM ANALYZE flat_search")
        return
    conn.execute("DROP INDEX flat_search_tsv")
    conn.execute(
        f"INSERT INTO flat_search (doc_id, tsv) SELECT {FILL_ID} + g, s.tsv "
        f"FROM generate_series({stored}, {target - 1}) g JOIN sample s ON s.i = g % {n_sample}"
    )
    conn.execute("CREATE INDEX flat_search_tsv ON flat_search USING gin (tsv)")
    conn.execute("VACUUM ANALYZE flat_search")


def backend_cpu(conn) -> float:
    """CPU seconds used so far by this connection's PostgreSQL process (0 when it is on another machine)."""
    pid = conn.info.backend_pid
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(conn, sql: str, rows: list[tuple], batch: int) -> tuple[float, float]:
    """(rows per second of wall time, rows per CPU second of the PostgreSQL process). The second
    does not depend on what else the machine runs (several sessions share these 2 cores)."""
    cpu, start = backend_cpu(conn), time.perf_counter()
    for offset in range(0, len(rows), batch):
        with conn.transaction(), conn.cursor() as cursor:
            cursor.executemany(sql, rows[offset : offset + batch])
    wall, cpu = time.perf_counter() - start, backend_cpu(conn) - cpu
    return len(rows) / wall, (len(rows) / cpu if cpu else 0.0)


def clear_timed(conn, measure: int) -> None:
    conn.execute(f"TRUNCATE {index.partition_name(index.today())}")
    conn.execute(f"DELETE FROM flat_search WHERE doc_id <= {measure}")
    conn.execute("VACUUM flat_search")
    conn.execute("CHECKPOINT")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--sizes", default="0,1000000,5000000")
    parser.add_argument("--measure", type=int, default=50000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--sample", type=int, default=50000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--grow-by-inserts", type=int, default=0, metavar="ROWS",
                        help="grow the unpartitioned table by committed INSERTs of this many rows (default: bulk load, then one index build)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    t = time.perf_counter()
    sample = tsvectors(args.sample, 0)
    measured = tsvectors(args.measure, args.sample)
    print(f"tokenised {len(sample) + len(measured):,} posts of the stream in {time.perf_counter() - t:.0f} s", flush=True)
    with psycopg.connect(args.postgres, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{DB}"')
    url = args.postgres.rsplit("/", 1)[0] + "/" + DB
    today = index.today()
    part_rows = [(n + 1, today, literal) for n, literal in enumerate(measured)]
    flat_rows = [(n + 1, literal) for n, literal in enumerate(measured)]
    results = []
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("SET maintenance_work_mem = '512MB'")
            setup(conn, sample)
            conn.execute(index.partition_sql(today))
            stored = 0
            direct_sql = PART_SQL.format(table=index.partition_name(today))
            timed(conn, direct_sql, part_rows, args.batch)  # warm-up: the first inserts of a fresh database
            timed(conn, FLAT_SQL, flat_rows, args.batch)
            for size in sizes:
                t = time.perf_counter()
                fill_partitioned(conn, stored, size, len(sample))
                fill_flat(conn, stored, size, len(sample), args.grow_by_inserts)
                stored = max(stored, size)
                fill_s = time.perf_counter() - t
                runs = {"partitioned": [], "via parent": [], "unpartitioned": []}
                for _ in range(RUNS):
                    clear_timed(conn, args.measure)
                    runs["partitioned"].append(timed(conn, direct_sql, part_rows, args.batch))
                    runs["unpartitioned"].append(timed(conn, FLAT_SQL, flat_rows, args.batch))
                    conn.execute(f"TRUNCATE {index.partition_name(today)}")
                    runs["via parent"].append(timed(conn, PARENT_SQL, part_rows, args.batch))
                results.append((size, runs))
                print(f"{size:>10,} stored rows (filled in {fill_s:.0f} s), rows/s of wall time [per PostgreSQL CPU second]: "
                      + ", ".join(f"{kind} " + " / ".join(f"{w:,.0f} [{c:,.0f}]" for w, c in runs[kind]) for kind in runs),
                      flush=True)
            part_bytes = conn.execute("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_inherits i "
                                      "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent "
                                      "WHERE p.relname = 'document_search'").fetchone()[0]
            part_count = conn.execute("SELECT count(*) FROM document_search").fetchone()[0]
            flat_bytes = conn.execute("SELECT pg_total_relation_size('flat_search')").fetchone()[0]
            flat_count = conn.execute("SELECT count(*) FROM flat_search").fetchone()[0]
    finally:
        if not args.keep:
            with psycopg.connect(args.postgres, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')

    print()
    print(f"insert rate of index rows, batches of {args.batch}, {args.measure:,} rows timed, best of {RUNS} runs;")
    print("rows per second of wall time, and [per CPU second of the PostgreSQL process]")
    print(f"{'stored rows':>12} {'partitioned':>20} {'via parent':>20} {'unpartitioned':>20} {'part./unpart.':>15}"
          f" {'part. vs 0':>15} {'parent vs 0':>15} {'unpart. vs 0':>15}")
    base = None
    for size, runs in results:
        best = [(max(w for w, _ in runs[kind]), max(c for _, c in runs[kind])) for kind in ("partitioned", "via parent", "unpartitioned")]
        base = base or best
        (pw, pc), (vw, vc), (uw, uc) = best
        ratios = " ".join(f"{w / bw:>8.2f} [{c / bc:>4.2f}]" for (w, c), (bw, bc) in zip(best, base))
        print(f"{size:>12,} {pw:>10,.0f} [{pc:>7,.0f}] {vw:>10,.0f} [{vc:>7,.0f}] {uw:>10,.0f} [{uc:>7,.0f}] "
              f"{pw / uw:>7.2f} [{pc / uc:>4.2f}] {ratios}")
    print(f"index on disk: partitioned {part_bytes / part_count:,.0f} bytes/row ({part_count:,} rows), "
          f"unpartitioned {flat_bytes / flat_count:,.0f} bytes/row ({flat_count:,} rows)")


if __name__ == "__main__":
    main()
