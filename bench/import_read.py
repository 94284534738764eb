"""Throughput of yuqing.collect.files.read_records on the real Weibo stream.

Baseline, measured in the same run: plain gzip + json.loads of every line (the floor any
JSONL importer pays). Prints rows/s for both, and the ratio.

    .venv/bin/python bench/import_read.py [path-to-jsonl.gz] [--repeat N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from yuqing.collect.files import read_records
from yuqing.collect.items import CollectedItem

DEFAULT = Path(os.environ.get("YUQING_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
DEFAULT_STREAM = DEFAULT / "stream" / "ced_weibo_dev.jsonl.gz"


def baseline(path: Path) -> int:
    rows = 0
    with gzip.open(path, "rb") as stream:
        for line in stream:
            json.loads(line)
            rows += 1
    return rows


def importer(path: Path) -> int:
    items = 0
    for record in read_records(path):
        items += isinstance(record, CollectedItem)
    return items


def timed(label: str, run: Callable[[Path], int], path: Path, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        rows = run(path)
        best = min(best, time.perf_counter() - start)
    print(f"{label:<28} {rows:>9,} rows  {best:6.2f} s  {rows / best:>11,.0f} rows/s")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_STREAM)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is reported")
    args = parser.parse_args()
    if not args.path.exists():
        sys.exit(f"{args.path} not found: pass the path to ced_weibo_dev.jsonl.gz")
    print(f"{args.path.name}, best of {args.repeat}, Python {sys.version.split()[0]}")
    base = timed("baseline gzip+json.loads", baseline, args.path, args.repeat)
    ours = timed("read_records -> items", importer, args.path, args.repeat)
    print(f"read_records takes {ours / base:.2f}x the baseline time")


if __name__ == "__main__":
    main()
