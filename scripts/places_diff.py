#!/usr/bin/env python
"""What a change to the places code or gazetteer changes on data with no gold: the mentions
find_places gives on every CCF 2019 news item (train and dev, title and body) and on the first
posts of the CED stream, dumped by one checkout and compared with another's, for reading by hand.

    PYTHONPATH=<checkout before>/src python scripts/places_diff.py dump before.json [--data ../shared/data]
    PYTHONPATH=src python scripts/places_diff.py dump after.json
    python scripts/places_diff.py compare before.json after.json [--data ../shared/data] [--most 60]

`dump` imports yuqing from PYTHONPATH, so the same script scores an earlier revision. `compare`
prints, for the news and for the stream, how many mentions each side has, how many were removed
and added, and the commonest removed and added mention strings, each with the words around its
first occurrence (the context a reader needs to say whether the change was right).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
from collections import Counter
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
# Read here rather than through yuqing's evaluation modules, so that `dump` runs on an earlier
# revision too: only find_places comes from the checkout on PYTHONPATH.
NEWS_FILES = ("sentiment/ccf2019_news/train.jsonl", "sentiment/ccf2019_news/dev.jsonl")
STREAM = "stream/ced_weibo_dev.jsonl.gz"
STREAM_POSTS = 100_000
CONTEXT = 15
Mention = tuple[str, str, int]  # (mention, field, start)


def texts(root: Path) -> Iterator[tuple[str, str, str]]:
    """(key, title, text): every news item of both CCF files, then the stream's first posts."""
    for news_file in NEWS_FILES:
        with (root / news_file).open(encoding="utf-8") as lines:
            for row in map(json.loads, filter(str.strip, lines)):
                yield f"news:{Path(news_file).stem}:{row['id']}", row.get("title") or "", row.get("content") or ""
    with gzip.open(root / STREAM, "rt", encoding="utf-8") as lines:
        for row in map(json.loads, itertools.islice(lines, STREAM_POSTS)):
            yield f"stream:{row['id']}", "", row.get("text") or ""


def dump(root: Path, out: Path) -> None:
    from yuqing.analysis.places import find_places

    found = {key: [(p["mention"], p["field"], p["start"]) for p in find_places(text, title)]
             for key, title, text in texts(root)}
    out.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    print(f"{sum(map(len, found.values()))} mentions in {len(found)} texts -> {out}")


def compare(root: Path, before: Path, after: Path, most: int) -> None:
    old, new = (json.loads(path.read_text(encoding="utf-8")) for path in (before, after))
    if old.keys() != new.keys():
        raise SystemExit("the two dumps cover different texts: dump both from the same --data")
    sources = {key: (title, text) for key, title, text in texts(root)}
    for kind in ("news", "stream"):
        keys = [key for key in old if key.startswith(kind + ":")]
        removed, added = changes(keys, old, new, sources)
        print(f"== {kind}: {len(keys)} texts, {sum(len(old[k]) for k in keys)} mentions before, "
              f"{sum(len(new[k]) for k in keys)} after; {sum(removed[0].values())} removed, {sum(added[0].values())} added")
        for sign, (counts, contexts) in (("-", removed), ("+", added)):
            for mention, count in counts.most_common(most):
                print(f"{sign} {mention} ×{count} | {contexts[mention]}")


def changes(keys: list[str], old: dict, new: dict, sources: dict) -> tuple[tuple[Counter, dict], tuple[Counter, dict]]:
    """(counts, one context each) of the mentions only the first dump has, then of those only the second has."""
    out = []
    for first, second in ((old, new), (new, old)):
        counts: Counter = Counter()
        contexts: dict[str, str] = {}
        for key in keys:
            others = {tuple(m) for m in second[key]}
            for mention, field, start in (tuple(m) for m in first[key]):
                if (mention, field, start) not in others:
                    counts[mention] += 1
                    contexts.setdefault(mention, around(sources[key], field, start, len(mention)))
        out.append((counts, contexts))
    return out[0], out[1]


def around(source: tuple[str, str], field: str, start: int, length: int) -> str:
    text = source[0] if field == "title" else source[1]
    return text[max(0, start - CONTEXT) : start + length + CONTEXT].replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("dump", "compare"))
    parser.add_argument("files", type=Path, nargs="+", help="dump: OUT.json; compare: BEFORE.json AFTER.json")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--most", type=int, default=60, help="compare: how many mention strings to show each way")
    args = parser.parse_args()
    if args.command == "dump" and len(args.files) == 1:
        dump(args.data, args.files[0])
    elif args.command == "compare" and len(args.files) == 2:
        compare(args.data, *args.files, args.most)
    else:
        parser.error("dump takes one file, compare two")


if __name__ == "__main__":
    main()
