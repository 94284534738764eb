"""Throughput of the normalize and segment stages on the real Weibo stream, per core.

    .venv/bin/python bench/normalize_segment.py [--posts 200000] [--batch 1000]
    .venv/bin/python bench/normalize_segment.py --parity     # rjieba vs jieba over every text

Times are CPU seconds of this one process (time.process_time), i.e. per core, so that other
work on the machine does not count. Posts go through in batches, as in the pipeline, and each
batch is dropped after use. --freeze moves the start-up tables (dictionary, gazetteer, IDF) out
of the garbage collector's sight with gc.freeze(), as a long-running worker should. Baselines are measured in the same run on the same posts:
plain jieba.lcut and rjieba.cut over the raw text (what a pipeline without these stages would
at least pay), and opencc's t2s convert (what the match form replaces).
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import logging
import sys
import time
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
STREAM = ROOT.parent / "shared" / "data" / "stream" / "ced_weibo_dev.jsonl.gz"
SMP = ROOT.parent / "shared" / "data" / "sentiment" / "smp2020_weibo"


def as_post(row: dict) -> dict:
    return {
        "id": row["id"], "text": row["text"] or "", "title": "", "created_at": row["created_at"],
        "url": "", "site": "weibo", "author": row.get("author", ""), "source": "ced",
    }


def load_rows(count: int) -> list[tuple[str, str, int]]:
    """(id, text, created_at) only: tuples of strings the garbage collector does not walk, as a
    streaming reader would hold them, so that batches are the only live containers."""
    with gzip.open(STREAM, "rt", encoding="utf-8") as lines:
        return [(r["id"], r["text"] or "", r["created_at"]) for r in map(json.loads, islice(lines, count))]


def timed(function: Callable[[], object]) -> float:
    """CPU seconds of this process: what one core spends, whatever else the machine runs."""
    started = time.process_time()
    function()
    return time.process_time() - started


def run_stages(rows: list[tuple[str, str, int]], batch_size: int, compiled: bool, freeze: bool) -> tuple[str, dict[str, float]]:
    from yuqing.analysis import accel
    from yuqing.analysis.normalize import NormalizeStage
    from yuqing.analysis.segment import SegmentStage

    seconds = {"setup": 0.0, "normalize": 0.0, "segment (tokens)": 0.0, "keywords": 0.0}
    started = time.process_time()
    normalize = NormalizeStage()
    normalize([{"id": "warm", "text": "臺灣", "title": ""}])  # builds the match-form table
    segment = SegmentStage(engine=accel.jieba_engine(prefer_compiled=compiled))
    seconds["setup"] = time.process_time() - started
    if freeze:  # what a long-running worker does after start-up: the tables are never garbage
        gc.freeze()
    for start in range(0, len(rows), batch_size):
        batch = [as_post({"id": i, "text": t, "created_at": c}) for i, t, c in rows[start : start + batch_size]]
        seconds["normalize"] += timed(lambda: normalize(batch))
        parts: list = []
        seconds["segment (tokens)"] += timed(lambda: parts.extend(segment.add_tokens(batch)))
        seconds["keywords"] += timed(lambda: segment.add_keywords(batch, parts))
    return segment.segmenter.engine.name, seconds


def baselines(rows: list[tuple[str, str, int]], opencc_posts: int) -> dict[str, float]:
    import jieba
    import opencc
    import rjieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    texts = [text for _, text, _ in rows]
    converter = opencc.OpenCC("t2s")
    return {
        "jieba.lcut(text)": timed(lambda: [jieba.lcut(text) for text in texts]),
        "rjieba.cut(text)": timed(lambda: [rjieba.cut(text) for text in texts]),
        f"opencc t2s, first {opencc_posts} posts": timed(lambda: [converter.convert(t) for t in texts[:opencc_posts]]),
    }


def report(rows: Iterable[tuple[str, float, int]]) -> None:
    print(f"{'what':44s} {'CPU s':>8s} {'posts/s':>10s} {'us/post':>8s}")
    for name, seconds, count in rows:
        print(f"{name:44s} {seconds:8.2f} {count / seconds:10,.0f} {seconds / count * 1e6:8.1f}")


def parity() -> None:
    """Texts on which rjieba and jieba disagree, over every distinct stream and SMP2020 text."""
    from yuqing.analysis import accel
    from yuqing.analysis.normalize import normalize_for_match
    from yuqing.analysis.segment import Segmenter, _place_names
    from yuqing.analysis.weibo_text import clean_text

    texts = {text for _, text, _ in load_rows(10**7) if text}
    for name in ("virus_train", "usual_eval", "virus_eval"):
        texts.update(json.loads(line)["content"] for line in (SMP / f"{name}.jsonl").open(encoding="utf-8"))
    words = _place_names()
    compiled = Segmenter(words, accel.jieba_engine(prefer_compiled=True))
    pure = Segmenter(words, accel.jieba_engine(prefer_compiled=False))
    differing = 0
    for text in sorted(texts):
        norm = normalize_for_match(clean_text(text))
        if compiled.tokenize(norm) != pure.tokenize(norm):
            differing += 1
            print("differs:", text[:60], compiled.tokenize(norm), pure.tokenize(norm), sep="\n  ")
    print(f"{differing} of {len(texts):,} distinct texts differ ({len(compiled.user_words):,} user words)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--opencc-posts", type=int, default=20_000)
    parser.add_argument("--parity", action="store_true", help="count rjieba/jieba differences instead")
    parser.add_argument("--pure-python", action="store_true", help="also time segment with the jieba fallback")
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() after start-up")
    args = parser.parse_args()
    if not STREAM.exists():
        sys.exit(f"{STREAM} is absent")
    if args.parity:
        return parity()
    posts = load_rows(args.posts)
    empty = sum(1 for _, text, _ in posts if not text)
    print(f"{len(posts):,} stream posts, {empty:,} empty, batches of {args.batch}, one process, CPU time")
    print(f"gc.freeze() after start-up: {'yes' if args.freeze else 'no'}\n")
    for compiled in (True, False) if args.pure_python else (True,):
        engine, stages = run_stages(posts, args.batch, compiled, args.freeze)
        print(f"setup [{engine}] (match-form table, dictionary + place names, IDF prior): {stages.pop('setup'):.2f} s")
        rows = [(f"{name} [{engine}]", seconds, len(posts)) for name, seconds in stages.items()]
        rows.append((f"normalize + segment + keywords [{engine}]", sum(stages.values()), len(posts)))
        report(rows)
        print()
    base = baselines(posts, args.opencc_posts)
    report([(name, s, args.opencc_posts if "opencc" in name else len(posts)) for name, s in base.items()])


if __name__ == "__main__":
    main()
