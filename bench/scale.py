#!/usr/bin/env python
"""Throughput of 1 worker against 2 workers, side by side in one run, on PostgreSQL.

    .venv/bin/python bench/scale.py --postgres postgresql://postgres@127.0.0.1:5432/postgres [--posts 60000] [--rounds 3]

For each worker count a fresh database gets the same slice of the real Weibo stream
(../shared/data/stream), stored with analysis off, and one scheme that alerts on every story;
then N `yuqing worker` processes (every role) start and the clock runs until every post is
analysed and every task (matching, alerts, notifications) is done. Each batch stamps its posts
when it is written, so throughput is the posts after the first batch over the time from the first
stamp to the last: process start-up is left out (and printed apart). "PG cores" is the CPU time of the PostgreSQL backends serving the
run's database over its wall time (from /proc, when PostgreSQL runs on this machine), "worker cores"
the workers' own; the analysis share is the pipeline's own time for the slice in this process, over
the time taken (a share of one core). From the cores one worker and PostgreSQL keep busy it prints the most two workers can gain
on this machine's cores, so a ratio below 2 can be told apart from a bottleneck in yuqing.
"CPU us/post" is the CPU time of the workers and the backends together from the first stamp to
the last, over the posts written in that time, and "busy cores" the same CPU over that span: if two
workers need no more CPU a post than one, a ratio under 2 is cores left idle (busy cores under 2)
or a slower machine during that run, not work that only two workers do. "idle cores" is the whole
machine's idle time over the same span (/proc/stat): what is neither the run's nor anything else's,
so busy cores under 2 with idle cores near 0 means the cores went to other processes, not to waiting.

Each round runs 1 worker and 2 (1 first in odd rounds, 2 first in even ones) and prints its ratio;
with several rounds it prints the lowest and the median too. The default of 60,000 posts gives two workers about 15 s of analysis (a batch
every half second): with 20,000 they had 5 s, of which the first second is the second worker
still loading its models, and one worker's figure swung by a third between runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.shared_data import SHARED_DATA as SHARED  # noqa: E402
from tests.work.harness import (Workspace, drop_postgres_database, postgres_database, stop,  # noqa: E402
                                stream_slice)



def cpu_seconds(pid: int | str) -> float:
    """CPU seconds (user + system, every thread) used so far by one process; 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_seconds() -> float:
    """The seconds this machine's cores, all together, have been idle (or waiting for the disk) since boot."""
    ticks = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    return (int(ticks[3]) + int(ticks[4])) / os.sysconf("SC_CLK_TCK")


def postgres_backends(database: str) -> list[str]:
    """The pids of the PostgreSQL backends serving `database` on this machine (none when it runs elsewhere).

    A backend names its database in its command line ("postgres: 15/main: user db 127.0.0.1(…) idle").
    """
    pids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            words = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").split()
        except OSError:
            continue
        if words[:1] == ["postgres:"] and database in words[1:5]:
            pids.append(pid)
    return pids


class CpuSampler(threading.Thread):
    """Samples, every quarter second, the CPU seconds used so far by the workers and by one database's
    backends, so that a backend whose connection closes during the run still counts what it used (up
    to its last sample), and the CPU between two moments of the run can be read off (`between`)."""

    def __init__(self, database: str, workers: list[int]):
        super().__init__(daemon=True)
        self.database, self.workers, self.seen, self.halt = database, workers, {}, threading.Event()
        self.timeline: list[tuple[float, float, float, float]] = []  # (time, workers' CPU, backends' CPU, machine idle)

    def run(self) -> None:
        while not self.halt.wait(0.25):
            self.sample()

    def sample(self) -> None:
        for pid in postgres_backends(self.database):
            self.seen[pid] = max(self.seen.get(pid, 0.0), cpu_seconds(pid))
        self.timeline.append((time.time(), sum(cpu_seconds(pid) for pid in self.workers), sum(self.seen.values()),
                              idle_seconds()))

    def stop(self) -> tuple[float, float]:
        """The workers' and the backends' CPU seconds up to now (the workers still running)."""
        self.halt.set()
        self.join()
        self.sample()
        return self.timeline[-1][1:3]

    def between(self, start: float, end: float) -> float:
        """The CPU seconds (workers and backends) used from `start` to `end` (Unix times), read off the
        samples around each."""
        return self._at(end, 1) + self._at(end, 2) - self._at(start, 1) - self._at(start, 2)

    def idle_between(self, start: float, end: float) -> float:
        """The seconds the machine's cores, all together, were idle from `start` to `end`."""
        return self._at(end, 3) - self._at(start, 3)

    def _at(self, moment: float, column: int) -> float:
        before = [sample for sample in self.timeline if sample[0] <= moment] or self.timeline[:1]
        after = [sample for sample in self.timeline if sample[0] >= moment] or self.timeline[-1:]
        (t0, v0), (t1, v1) = (before[-1][0], before[-1][column]), (after[0][0], after[0][column])
        share = (moment - t0) / (t1 - t0) if t1 > t0 else 0.0
        return v0 + share * (v1 - v0)


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
        started = time.monotonic()
        processes = [workspace.start("worker") for _ in range(workers)]
        sampler = CpuSampler(name, [process.pid for process in processes])
        sampler.start()
        workspace.wait_idle(timeout=3600)
        wall = time.monotonic() - started
        worker_cpu, cpu = sampler.stop()  # the backends start with the workers, so all of it is this run's (start-up included)
        for process in processes:
            stop(process)
        first, last, analysed, in_first = workspace.query(
            "SELECT EXTRACT(EPOCH FROM MIN(analyzed_at)), EXTRACT(EPOCH FROM MAX(analyzed_at)), COUNT(*),"
            " COUNT(*) FILTER (WHERE analyzed_at = (SELECT MIN(analyzed_at) FROM documents_document))"
            " FROM documents_document WHERE analyzed_at IS NOT NULL")[0]
        span = float(last) - float(first)
        if span <= 0:
            raise SystemExit(f"all {analysed} posts were analysed in one batch: give more --posts (10000 or more)")
        # Each batch stamps its posts when it is written: the posts after the first batch over the time after it.
        return {"workers": workers, "posts": analysed, "span": span, "wall": wall, "startup": wall - span,
                "rate": (analysed - in_first) / span, "db_cpu": cpu, "worker_cpu": worker_cpu,
                "span_cpu": sampler.between(float(first), float(last)) / (analysed - in_first),
                "idle": sampler.idle_between(float(first), float(last)) / span}
    finally:
        drop_postgres_database(base_url, name)


def analysis_seconds(posts: Path) -> float:
    """The pipeline alone over the same posts, in this process (models loaded, its windows fresh)."""
    import json

    from yuqing.analysis.assemble import build_pipeline

    rows = [json.loads(line) for line in posts.open(encoding="utf-8")]
    batch = [{"id": str(n), "text": row.get("text") or "", "title": "", "created_at": float(row["created_at"]),
              "url": "", "site": "weibo.com", "author": row.get("author") or "", "source": "", "lang": "",
              "ip_location": "", "parent_id": None} for n, row in enumerate(rows)]
    pipeline = build_pipeline()  # loads the models and tables once (Pipeline.warm), as a worker does at start
    started = time.perf_counter()
    for start in range(0, len(batch), 2000):
        pipeline.run(batch[start:start + 2000])
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", required=True, help="a database URL whose server may create databases")
    parser.add_argument("--posts", type=int, default=60000)
    parser.add_argument("--rounds", type=int, default=1, help="pairs of runs (1 worker and 2), one after the other")
    args = parser.parse_args()
    posts = stream_slice(SHARED / "stream" / "ced_weibo_dev.jsonl.gz", Path(tempfile.mkdtemp()) / "stream.jsonl", args.posts)
    rounds = []
    for number in range(1, args.rounds + 1):
        order = (1, 2) if number % 2 else (2, 1)  # alternately first: a machine slowing down over the run favours neither
        by_workers = {workers: run(posts, args.postgres, workers) for workers in order}
        rounds.append([by_workers[1], by_workers[2]])
        print(f"round {number}: {rounds[-1][0]['rate']:.0f} and {rounds[-1][1]['rate']:.0f} posts/s, "
              f"{rounds[-1][1]['rate'] / rounds[-1][0]['rate']:.2f}x", flush=True)
    pipeline = analysis_seconds(posts)
    print(f"{'round':>6}{'workers':>8}{'posts':>8}{'posts/s':>10}{'per worker':>12}{'start-up s':>12}{'PG cores':>10}"
          f"{'worker cores':>14}{'analysis share':>16}{'CPU us/post':>13}{'busy cores':>12}{'idle cores':>12}")
    for number, results in enumerate(rounds, 1):
        for r in results:
            print(f"{number:>6}{r['workers']:>8}{r['posts']:>8}{r['rate']:>10.0f}{r['rate'] / r['workers']:>12.0f}"
                  f"{r['startup']:>12.1f}{r['db_cpu'] / r['wall']:>10.2f}{r['worker_cpu'] / r['wall']:>14.2f}"
                  f"{pipeline / r['posts'] * r['rate']:>16.0%}{r['span_cpu'] * 1e6:>13.0f}{r['span_cpu'] * r['rate']:>12.2f}"
                  f"{r['idle']:>12.2f}")
    ratios = [two["rate"] / one["rate"] for one, two in rounds]
    print(f"ratio, 2 workers / 1 worker: {', '.join(f'{ratio:.2f}x' for ratio in ratios)}"
          + (f" (lowest {min(ratios):.2f}x, median {statistics.median(ratios):.2f}x)" if len(ratios) > 1 else "")
          + f"  (pipeline alone: {len(open(posts, encoding='utf-8').readlines()) / pipeline:.0f} posts/s in one process; "
          f"{os.cpu_count()} cores here)")
    cores_used = max((one["db_cpu"] + one["worker_cpu"]) / one["wall"] for one, _ in rounds)
    print(f"one worker and PostgreSQL kept at most {cores_used:.2f} cores busy, so on {os.cpu_count()} cores shared with "
          f"PostgreSQL two workers can reach at most {os.cpu_count() / max(cores_used, 1e-6):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
