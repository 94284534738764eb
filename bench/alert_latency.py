#!/usr/bin/env python
"""Alert latency in the embedded default: from a post entering the store to the notifier being called.

    python bench/alert_latency.py                         # 500 posts, 120 schemes, fresh temp workspace
    python bench/alert_latency.py --posts 500 --schemes 200 --background 20000

Path measured, all real and in one process, as `yuqing up` runs it: store_batch (one post per
call, as a live feed delivers them) → after commit `documents.stored` → the analysis pipeline
(normalize, segment, places, dedup, cluster; sentiment when installed) → after commit
`documents.analyzed` → monitoring matches every active scheme in one RuleSet pass, records the
matches, applies the alert rules → `notifications.service.notify` is called. The clock starts
just before store_batch and stops when notify() is entered, once per notify call.

Posts are real Weibo posts from ../shared/data/stream (re-dated to now, as if arriving live);
schemes are generated from the sample's frequent two-character terms (single terms, AND, OR,
AND NOT), each with an "every new match" rule, so most posts match something. A background of
older stored posts makes the database non-trivial. Deliveries are queued but not sent (sending is
asynchronous and not part of this path).

Baseline, side by side: the polling design this replaces, a worker that every 15 s runs a
search per scheme over the posts stored since its last tick. Its pass time is measured here
(all schemes, real search over the same database); its latency is the wait for the next tick,
modelled as uniform over the 15 s interval, plus the measured pass.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

SHARED = Path(os.environ.get("YUQING_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
STREAM = SHARED / "stream" / "ced_weibo_dev.jsonl.gz"
TICK_S = 15.0
CJK_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


def setup(home: str) -> None:
    os.environ["YUQING_HOME"] = home
    os.environ.pop("YUQING_DATABASE_URL", None)
    from yuqing.commands.setup import django_setup, migrate

    django_setup(home, create=True)
    migrate()
    from django.conf import settings

    settings.YUQING_NOTIFY_SEND = "worker"  # deliveries are queued, not sent: sending is asynchronous


def stream_rows(limit: int, stream: Path = STREAM) -> list[dict]:
    """The first `limit` posts of the real stream with some text (8 characters or more)."""
    if not stream.exists():
        sys.exit(f"needs the real stream at {stream} (set YUQING_SHARED_DATA)")
    rows = []
    with gzip.open(stream, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if len(row.get("text") or "") >= 8:
                rows.append(row)
            if len(rows) >= limit:
                break
    return rows


def item(row: dict, when: datetime, suffix: str = ""):
    from yuqing.collect.items import CollectedItem

    return CollectedItem(external_id=f"{row['id']}{suffix}", text=row["text"], author=row.get("author") or "",
                         site="weibo.com", published_at=when)


def load_background(rows: list[dict]) -> None:
    from django.conf import settings
    from django.utils import timezone as dj_tz

    from yuqing.documents.models import Document
    from yuqing.documents.store import store_batch

    settings.YUQING = dataclasses.replace(settings.YUQING, analyze_on_store=False)
    for start in range(0, len(rows), 2000):
        store_batch([item(r, datetime.fromtimestamp(int(r["created_at"]), timezone.utc), "-bg") for r in rows[start:start + 2000]], None, None)
    Document.objects.update(analyzed_at=dj_tz.now())  # history, not new work for the pipeline
    settings.YUQING = dataclasses.replace(settings.YUQING, analyze_on_store=True)


def make_schemes(rows: list[dict], count: int, seed: int = 11) -> list[str]:
    frequent = Counter(pair for r in rows for pair in set(CJK_PAIR.findall(r["text"])))
    terms = [t for t, _ in frequent.most_common(400)][20:]  # skip the most common function pairs
    rng = random.Random(seed)
    shapes = ["{a}", "{a} AND {b}", "{a} OR {b} OR {c}", "({a} OR {b}) AND NOT {c}"]
    return [shapes[n % 4].format(**dict(zip("abc", rng.sample(terms, 3)))) for n in range(count)]


def save_schemes(expressions: list[str]):
    from django.contrib.auth import get_user_model

    from yuqing.monitoring.models import Shift
    from yuqing.monitoring.schemes import RuleSpec, SchemeSpec, save_scheme

    User = get_user_model()
    officer, _ = User.objects.get_or_create(username="bench_officer")
    now = datetime.now(timezone.utc)
    Shift.objects.create(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=12), officer=officer)
    for n, expression in enumerate(expressions):
        save_scheme(officer, None, SchemeSpec(name=f"bench {n}", mode="advanced", expression=expression,
                                              rules=[RuleSpec(kind="every")]))


class NotifyClock:
    """Wraps notify(): records when it is entered, then lets it run."""

    def __init__(self) -> None:
        from yuqing.notifications import service

        self.service, self.original, self.calls = service, service.notify, []
        service.notify = self._wrapped

    def _wrapped(self, *args, **kwargs):
        self.calls.append(time.perf_counter())
        return self.original(*args, **kwargs)


def run_live(rows: list[dict]) -> tuple[list[float], list[float], float]:
    """Store posts one by one. Returns (latency of every notify call, per notified post the latency
    of its last call, i.e. until all its alerts were out, seconds in all)."""
    from yuqing.documents.store import store_batch

    clock = NotifyClock()
    calls, per_post = [], []
    started = time.perf_counter()
    for n, row in enumerate(rows):
        before = len(clock.calls)
        t0 = time.perf_counter()
        store_batch([item(row, datetime.now(timezone.utc), f"-live{n}")], None, None)
        fresh = clock.calls[before:]
        calls += [t - t0 for t in fresh]
        if fresh:
            per_post.append(fresh[-1] - t0)
    clock.service.notify = clock.original
    return calls, per_post, time.perf_counter() - started


def poll_pass(expressions: list[str], since: datetime) -> float:
    """The baseline's work at one tick: one search per scheme over what arrived since the last tick."""
    from yuqing.documents.search import SearchFilters, search

    t0 = time.perf_counter()
    for expression in expressions:
        search(expression, SearchFilters(since=since), limit=50)
    return time.perf_counter() - t0


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", help="workspace (default: a fresh temporary folder)")
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--schemes", type=int, default=120)
    parser.add_argument("--background", type=int, default=20000, help="older posts stored first")
    parser.add_argument("--warmup", type=int, default=20, help="posts stored before measuring (pipeline start-up)")
    args = parser.parse_args()
    home = args.home or tempfile.mkdtemp(prefix="yq-alert-bench-")
    try:
        return measure(args, home)
    finally:
        if not args.home:
            shutil.rmtree(home, ignore_errors=True)


def measure(args, home: str) -> int:
    setup(home)
    rows = stream_rows(args.background + args.warmup + args.posts)
    background, warm, live = rows[: args.background], rows[args.background : args.background + args.warmup], rows[-args.posts:]
    load_background(background)
    expressions = make_schemes(rows, args.schemes)
    save_schemes(expressions)
    run_live(warm)  # builds the pipeline, the rule set, the place gazetteer
    since = datetime.now(timezone.utc)
    calls, per_post, seconds = run_live(live)
    passes = [poll_pass(expressions, since) for _ in range(3)]
    report(args, calls, per_post, seconds, passes)
    return 0


def _row(label: str, values: list[float], digits: int = 1) -> str:
    cells = "".join(f"{v * 1000:>10.{digits}f}ms" for v in (pct(values, 50), pct(values, 95), max(values)))
    return f"{label:44}{cells}"


def report(args, calls: list[float], per_post: list[float], seconds: float, passes: list[float]) -> None:
    from yuqing.monitoring.matching import matcher

    if not calls:
        sys.exit("no post matched any scheme: nothing to measure")
    rng = random.Random(5)
    pass_s = statistics.median(passes)
    baseline = [rng.uniform(0, TICK_S) + pass_s for _ in per_post]
    print(f"alert latency, embedded default (SQLite), {args.schemes} active schemes ({matcher().ruleset().backend}), "
          f"{args.background:,} stored posts in the background")
    print(f"{args.posts} posts stored one by one in {seconds:.1f} s; {len(per_post)} of them caused notify(); "
          f"{len(calls)} notify() calls")
    print(f"{'':44}{'p50':>12}{'p95':>12}{'max':>12}")
    print(_row("event-driven, per notify() call", calls))
    print(_row("event-driven, per post (until its last call)", per_post))
    print(_row("baseline: 15 s poll + search per scheme", baseline, 0))
    print(f"baseline pass (one search per scheme over the posts since the last tick), measured: "
          f"{', '.join(f'{p * 1000:.0f} ms' for p in passes)}; its tick wait is modelled as uniform over {TICK_S:.0f} s")
    print(f"target p95 < 1000 ms (per post): {'met' if pct(per_post, 95) < 1.0 else 'NOT met'}")


if __name__ == "__main__":
    sys.exit(main())
