#!/usr/bin/env python
"""Where the same-event pairs are lost: each pair of one half, fed as `yuqing eval --only events`
feeds it alone (two posts two minutes apart, four days after the previous pair, one pipeline),
sorted by what the cluster stage decided for its second post.

    PYTHONPATH=src .venv/bin/python scripts/event_pair_losses.py [--data ../shared/data] [--split dev] [--read]

--read takes the pairs of two articles read and labelled (event_pairs_read.py) instead of a
headline with its own article's lead or body (event_pairs.py).

Outcomes, in the order the cluster stage checks them (clustering.EventStore._score):

- same story: the dedup stage found the second a copy of the first;
- no candidate: the second post shares no term with the first post's event;
- place conflict: both name places, on different branches;
- one shared term: fewer than MIN_SHARED of the shorter side's terms found in the other;
- thin evidence: the two rarest of them under EVIDENCE (or EVIDENCE_COVERED);
- low score: evidence enough, but cosine and coverage under the threshold;
- joined.

Run it on the development half (the default): settings are chosen there, never on the test half.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
from pathlib import Path

from yuqing.analysis.clustering import MIN_SHARED, ClusterStage, EventStore
from yuqing.analysis.evaluation import event_pairs_read
from yuqing.analysis.evaluation.event_pairs import build_pairs, load_articles
from yuqing.analysis.evaluation.events import GAP, KINDS, run_pairs
from yuqing.analysis.event_signature import coverage, place_relation
from yuqing.analysis.pipeline import Pipeline


class _Recording(EventStore):
    """An EventStore that notes, per post, why its best candidate was or was not joined."""

    def __init__(self) -> None:
        super().__init__()
        self.outcome: dict[str, str] = {}
        self._post = ""

    def add(self, post):  # type: ignore[no-untyped-def]
        self._post = str(post.get("id") or "")
        return super().add(post)

    def _score(self, state, vector, text, places, floor=0.0):  # type: ignore[no-untyped-def]
        result = super()._score(state, vector, text, places, floor)
        if place_relation(places, state.places) < 0:
            why = "place conflict"
        elif len(self._hits(state, vector, text)) < MIN_SHARED:
            why = "one shared term"
        elif result[0] < 0:
            why = "thin evidence"
        else:
            why = "joined" if result[0] >= self.threshold else "low score"
        self.outcome[self._post] = why
        return result

    @staticmethod
    def _hits(state, vector, text):  # type: ignore[no-untyped-def]
        if len(text) <= len(state.text):
            return coverage(vector, state.text, state.centroid)[1]
        return coverage(state.centroid, text, vector)[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("YUQING_SHARED_DATA", "../shared/data")))
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--read", action="store_true", help="the read pairs of two articles (event_pairs_read.py)")
    args = parser.parse_args()
    from yuqing.analysis.assemble import default_stages
    from yuqing.collect.evaluation import article_pages

    if args.read:
        pairs = event_pairs_read.build_pairs(event_pairs_read.articles(args.data), args.split)
    else:
        articles = load_articles(args.data, pages=article_pages(args.data / "html" / "chinese_news_pages" / "articles"))
        pairs = build_pairs(articles, args.split)
    store = _Recording()
    stages = [ClusterStage(store) if s.name == "cluster" else s for s in default_stages()]
    posts = run_pairs(pairs, GAP, Pipeline(stages))
    counts: dict[tuple[str, int], collections.Counter] = collections.defaultdict(collections.Counter)
    for index, pair in enumerate(pairs):
        first, second = posts[2 * index], posts[2 * index + 1]
        if second.get("story") and second.get("story") == first.get("story"):
            why = "same story"
        else:
            why = store.outcome.get(str(second["id"]), "no candidate")
        counts[(pair.kind, pair.label)][why] += 1
    order = ("same story", "joined", "low score", "thin evidence", "one shared term", "place conflict", "no candidate")
    print(f"{args.split} half, pairs fed alone; second post's outcome")
    print(f"{'':30}" + "".join(f"{name:>16}" for name in order))
    for kind in sorted({pair.kind for pair in pairs}, key=lambda k: (k not in KINDS, k)):
        for label in (1, 0):
            row = counts[(kind, label)]
            print(f"{kind + (' same' if label else ' other'):30}" + "".join(f"{row[name]:>16,}" for name in order))
    return 0


if __name__ == "__main__":
    sys.exit(main())
