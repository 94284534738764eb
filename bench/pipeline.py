#!/usr/bin/env python
"""The whole analysis pipeline over the real Weibo stream, against a typical peer stack.

    .venv/bin/python bench/pipeline.py [--posts 640961] [--rules 1000] [--peer-sample 2000]
    .venv/bin/python bench/pipeline.py --memory-window 1000000     # peak memory, 1M posts kept in the window

Prints, for each stage and end to end: posts per second per core (CPU time of the one thread that
runs the pipeline, and wall time), and the peak memory of the process. In the same run it times
a typical peer stack on a sample of the same posts — jieba.lcut + snownlp sentiment + one Python
regex per rule + datasketch MinHash LSH — and prints the ratio.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
STREAM = ROOT.parents[1] / "shared/data/stream/ced_weibo_dev.jsonl.gz"
BATCH = 2000


def bench_module(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(limit: int, copies: int = 1) -> list[dict]:
    posts = []
    with gzip.open(STREAM, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for _, line in zip(range(limit), handle)]
    for copy in range(copies):
        for row in rows:
            posts.append({"id": f"{row['id']}" + (f"-{copy}" if copy else ""), "text": row.get("text") or "", "title": "",
                          "created_at": float(row["created_at"]), "url": "", "site": "weibo.com",
                          "author": row.get("author") or "", "source": "",
                          "parent_id": (f"{row['parent']}" + (f"-{copy}" if copy else "")) if row.get("parent") else ""})
    return posts[: limit * copies]


class MatchStage:
    """The monitoring rules as one more stage (what `yuqing up` does per analysed batch)."""

    name, version, reads, writes = "rules", "1", ("text_norm", "title_norm"), ("rules",)

    def __init__(self, rules):
        from yuqing.analysis.query import RuleSet

        self.ruleset = RuleSet.compile(rules)

    def __call__(self, batch):
        for post, names in zip(batch, self.ruleset.match_batch(batch)):
            post["rules"] = names


def rules_for(posts: list[dict], count: int) -> list[tuple[str, str]]:
    rules_bench = bench_module("rules")
    from yuqing.analysis.normalize import NormalizeStage

    sample = [dict(p) for p in random.Random(1).sample(posts, min(len(posts), 60_000))]
    NormalizeStage()(sample)
    rng = random.Random(7)
    words, authors = rules_bench.post_words(sample, rng)
    return rules_bench.generate_rules(count, words, authors, rng)


def run_pipeline(posts: list[dict], rules, window_hours: float) -> tuple[dict[str, float], float, float, list[str]]:
    import gc

    from yuqing.analysis.assemble import default_stages
    from yuqing.analysis.pipeline import Pipeline

    stages = default_stages(window_hours=window_hours) + [MatchStage(rules)]
    Pipeline(stages)  # checks the order
    gc.freeze()  # as build_pipeline does
    cpu: dict[str, float] = {s.name: 0.0 for s in stages}
    wall_start, cpu_start = time.perf_counter(), time.thread_time()
    for start in range(0, len(posts), BATCH):
        batch = posts[start : start + BATCH]
        for stage in stages:
            t = time.thread_time()
            stage(batch)
            cpu[stage.name] += time.thread_time() - t
        if start % (BATCH * 25) == 0:
            print(f"\r  {start + len(batch):,} posts", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return cpu, time.thread_time() - cpu_start, time.perf_counter() - wall_start, [s.name for s in stages]


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
    copies = 1
    if args.memory_window:
        copies = -(-args.memory_window // min(args.posts, 640_961))
        args.window_hours = 1e7
    posts = load(args.posts, copies)[: args.memory_window or None]
    megabytes = sum(len(p["text"].encode()) for p in posts) / 1e6
    print(f"{len(posts):,} stream posts ({megabytes:.1f} MB of text), {args.rules} rules, window {args.window_hours:g} h")
    rules = rules_for(posts, args.rules)
    sample = [dict(p) for p in random.Random(2).sample(posts, min(args.peer_sample, len(posts)))]
    cpu, total_cpu, wall, names = run_pipeline(posts, rules, args.window_hours)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for name in names:
        print(f"  {name:<10} {len(posts) / max(cpu[name], 1e-9):>12,.0f} posts/s per core")
    ours = total_cpu / len(posts)
    print(f"end to end: {1 / ours:,.0f} posts/s per core (CPU), {len(posts) / wall:,.0f} posts/s wall; peak memory {rss_mb:,.0f} MB")
    if args.peer_sample:
        peer = peer_stack(sample, rules, bench_module("rules"))
        print(f"peer stack (jieba + snownlp + {len(rules)} regexes + datasketch), {len(sample):,} posts: "
              f"{1 / peer:,.0f} posts/s per core -> ours is {peer / ours:,.0f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
