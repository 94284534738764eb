#!/usr/bin/env python
"""The whole analysis pipeline over the real Weibo stream, against a typical peer stack.

    .venv/bin/python bench/pipeline.py [--posts 640961] [--rules 1000] [--peer-sample 2000]
    .venv/bin/python bench/pipeline.py --memory-window 1000000     # peak memory, 1M posts kept in the window

Prints, for each stage and end to end: posts per second per core (CPU time of the one thread that
runs the pipeline, and wall time), and the peak memory of the process. The stages' start-up
(loading the models, building the places matcher: what a worker does once, `Pipeline.warm`) is
timed apart and printed first; before it was, a 100,000-post run counted about a second of it in
places. In the same run it times a typical peer stack on a sample of the same posts — jieba.lcut +
snownlp sentiment + one Python regex per rule + datasketch MinHash LSH — and prints the ratio.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import itertools
import json
import os
import random
import re
import resource
import sys
import time
from pathlib import Path
from typing import Iterable, Iterator

ROOT = Path(__file__).resolve().parent
STREAM = Path(os.environ.get("YUQING_SHARED_DATA", ROOT.parents[1] / "shared" / "data")) / "stream/ced_weibo_dev.jsonl.gz"
BATCH = 2000


def bench_module(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def stream(limit: int) -> Iterator[dict]:
    """Posts of the stream, read lazily; past its end, further copies with fresh ids (so the
    memory measured is the pipeline's, not this script's list of inputs)."""
    made, copy = 0, 0
    while made < limit:
        with gzip.open(STREAM, "rt", encoding="utf-8") as handle:
            for line in handle:
                if made >= limit:
                    return
                yield post_of(json.loads(line), copy)
                made += 1
        copy += 1


def post_of(row: dict, copy: int) -> dict:
    suffix = f"-{copy}" if copy else ""
    return {"id": f"{row['id']}{suffix}", "text": row.get("text") or "", "title": "",
            "created_at": float(row["created_at"]), "url": "", "site": "weibo.com",
            "author": row.get("author") or "", "source": "",
            "parent_id": f"{row['parent']}{suffix}" if row.get("parent") else ""}


def batches(posts: Iterable[dict], size: int = BATCH) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for post in posts:
        batch.append(post)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class MatchStage:
    """The monitoring rules as one more stage (what `yuqing up` does per analysed batch)."""

    name, version, reads, writes = "rules", "1", ("text_norm", "title_norm"), ("rules",)

    def __init__(self, rules):
        from yuqing.analysis.query import RuleSet

        self.ruleset = RuleSet.compile(rules)

    def __call__(self, batch):
        for post, names in zip(batch, self.ruleset.match_batch(batch)):
            post["rules"] = names


def rules_for(sample: list[dict], count: int) -> list[tuple[str, str]]:
    rules_bench = bench_module("rules")
    from yuqing.analysis.normalize import NormalizeStage

    sample = [dict(p) for p in sample]
    NormalizeStage()(sample)
    rng = random.Random(7)
    words, authors = rules_bench.post_words(sample, rng)
    return rules_bench.generate_rules(count, words, authors, rng)


def run_pipeline(posts: Iterable[dict], rules, window_hours: float) -> tuple[dict[str, float], float, float, list[str], int]:
    import gc

    from yuqing.analysis.assemble import default_stages
    from yuqing.analysis.pipeline import Pipeline

    stages = default_stages(window_hours=window_hours) + [MatchStage(rules)]
    started = time.thread_time()
    Pipeline(stages).warm()  # checks the order, then loads the start-up tables, as build_pipeline does
    print(f"start-up (models, places matcher; once per worker): {time.thread_time() - started:.2f} s CPU")
    gc.freeze()  # as build_pipeline does
    cpu: dict[str, float] = {s.name: 0.0 for s in stages}
    wall, total, done = 0.0, 0.0, 0
    for batch in batches(posts):  # reading the file is not timed
        wall_start, cpu_start = time.perf_counter(), time.thread_time()
        for stage in stages:
            t = time.thread_time()
            stage(batch)
            cpu[stage.name] += time.thread_time() - t
        total += time.thread_time() - cpu_start
        wall += time.perf_counter() - wall_start
        done += len(batch)
        if done % (BATCH * 25) == 0:
            print(f"\r  {done:,} posts", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return cpu, total, wall, [s.name for s in stages], done


def peer_stack(posts: list[dict], rules, rules_bench) -> float:
    """Seconds per post for jieba + snownlp + a regex per rule + datasketch MinHash LSH."""
    import jieba
    from datasketch import MinHash, MinHashLSH
    from snownlp import SnowNLP

    from yuqing.analysis.query import parse

    regexes = [re.compile(rules_bench.regex_for(parse(expr))) for _, expr in rules]
    lsh = MinHashLSH(threshold=0.6, num_perm=128)
    jieba.lcut("预热")
    started = time.thread_time()
    for post in posts:
        text = post["text"]
        words = jieba.lcut(text)
        if text:
            SnowNLP(text).sentiments
        [r.search(text) for r in regexes]
        signature = MinHash(num_perm=128)
        for word in set(words):
            signature.update(word.encode("utf-8"))
        lsh.query(signature)
        lsh.insert(post["id"], signature)
    return (time.thread_time() - started) / len(posts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--posts", type=int, default=640_961)
    parser.add_argument("--rules", type=int, default=1000)
    parser.add_argument("--peer-sample", type=int, default=2000)
    parser.add_argument("--window-hours", type=float, default=72.0)
    parser.add_argument("--memory-window", type=int, default=0, help="run this many posts with a window that keeps them all")
    args = parser.parse_args()
    limit = args.posts
    if args.memory_window:
        limit, args.window_hours = args.memory_window, 1e7  # the window keeps every post
    head = list(itertools.islice(stream(limit), 60_000))
    rules = rules_for(head, args.rules)
    sample = [dict(p) for p in random.Random(2).sample(head, min(args.peer_sample, len(head)))]
    del head
    print(f"{limit:,} stream posts, {args.rules} rules, window {args.window_hours:g} h")
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu, total_cpu, wall, names, done = run_pipeline(stream(limit), rules, args.window_hours)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for name in names:
        print(f"  {name:<10} {done / max(cpu[name], 1e-9):>12,.0f} posts/s per core")
    ours = total_cpu / done
    print(f"end to end: {1 / ours:,.0f} posts/s per core (CPU), {done / wall:,.0f} posts/s wall; "
          f"peak memory {rss_mb:,.0f} MB (before the run: {before_mb:,.0f} MB)")
    if args.peer_sample:
        peer = peer_stack(sample, rules, bench_module("rules"))
        print(f"peer stack (jieba + snownlp + {len(rules)} regexes + datasketch), {len(sample):,} posts: "
              f"{1 / peer:,.0f} posts/s per core -> ours is {peer / ours:,.0f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
