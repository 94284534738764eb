"""Places stage throughput on the real Weibo stream, against the bare automaton scan.

    python bench/places.py [--posts 50000] [--data ../shared/data]

Prints, for the same posts in the same run: the one-off cost of loading the gazetteer and
building the automaton, the bare ahocorasick_rs scan (the floor: what matching costs before any
rule runs), find_places with ahocorasick_rs, and find_places with the pyahocorasick fallback.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path
from typing import Callable

from yuqing.analysis.gazetteer import DATA_FILE, Gazetteer
from yuqing.analysis.places import PlaceMatcher

STREAM = "stream/ced_weibo_dev.jsonl.gz"


def read_posts(path: Path, limit: int) -> list[str]:
    """Non-empty post texts (originals, reposts and comments, as they come), in stream order."""
    texts: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text") or ""
            if text and text != "转发微博":
                texts.append(text)
                if len(texts) >= limit:
                    break
    return texts


def per_post(run: Callable[[str], object], texts: list[str], repeat: int = 3) -> float:
    """Best of `repeat` passes, in microseconds per post."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            run(text)
        best = min(best, time.perf_counter() - started)
    return best / len(texts) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()
    texts = read_posts(args.data / STREAM, args.posts)
    originals = [t for t in texts if len(t) >= 60]

    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    loaded = time.perf_counter()
    rust = PlaceMatcher(gazetteer, backend="rust")
    built = time.perf_counter()
    python = PlaceMatcher(gazetteer, backend="python")
    print(f"gazetteer {DATA_FILE.stat().st_size / 1e6:.2f} MB, {len(gazetteer.places)} places, "
          f"{len(rust.patterns)} patterns; load {loaded - started:.2f} s, build {built - loaded:.2f} s")

    for label, sample in (("all posts", texts), ("posts of 60+ chars", originals)):
        chars = sum(map(len, sample)) / len(sample)
        print(f"{label}: {len(sample)} posts, {chars:.0f} chars on average")
        results = {
            "bare ahocorasick_rs scan (baseline)": per_post(rust.automaton.find, sample),
            "find_places, ahocorasick_rs": per_post(rust.find, sample),
            "find_places, pyahocorasick": per_post(python.find, sample, repeat=1),
        }
        for name, micros in results.items():
            print(f"  {name:38s} {micros:7.2f} µs/post  {1e6 / micros:10,.0f} posts/s")


if __name__ == "__main__":
    main()
