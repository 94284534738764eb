#!/usr/bin/env python
"""Looser rules for two short texts, tried against cluster version 3 for short–short recall (issue 14).

    PYTHONPATH=src .venv/bin/python scripts/event_short_rules.py [--data ../shared/data] [--split dev]
        [--rules base,rare,rare-untaught,lower,county]

Each rule is version 3 plus one way to join two short texts (the shorter ≤ HEADLINE_CHARS, the
longer ≤ SHORT_CHARS) that version 3 leaves apart; places must not conflict:

- rare: one term of both sides (the post's vector, the event's centroid) with IDF ≥ 9.0 outside
  the event (a word each in about 1 post in 8,000: 嵇兵, 汪荣波, 星巴克, 临桂);
- lower: the version-3 score (evidence rules kept) ≥ 0.24 instead of 0.3;
- county: both name a county or township on one branch (six-digit codes or finer) and share a
  term; score ≥ 0.26 without the evidence rules.

Every rule applies only to an event whose last post is under an hour old (incidents are
followed within hours); rare and lower also wait until the stream has taught the IDF table 2,000
posts: from jieba's prior alone everyday news words read as rare (rare-untaught is rare without
that wait).

Each rule is measured two ways:

- the same-event pairs of `yuqing eval --only events` (alone, crowded, fresh; P / R / F1 and
  false merges; crowded foreign joins), stages before cluster run once and shared by all rules;
- a dense stream of short texts: 10,000 THUCNews titles one second apart (as
  `dedup_cluster`'s title check feeds them). Titles of years of news are nearly never one
  incident, so the joins a rule adds there are false merges that the pairs, one candidate event
  each, cannot show: `rule joins` counts the titles the rule put in an event, beside purity
  against the 10 classes and the titles in events of two or more.

Settings were looked at on the development half only (the default); --split test is for one
final reading. The numbers and what they showed: docs/model-card-events.md ("Looser rules for
two short texts"). None of these rules is in the cluster stage.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

from yuqing.analysis.clustering import HEADLINE_CHARS, SHORT_CHARS, ClusterStage, EventStore
from yuqing.analysis.evaluation import events as E
from yuqing.analysis.evaluation.event_pairs import Pair, build_pairs, load_articles
from yuqing.analysis.event_signature import coverage, place_relation, score
from yuqing.analysis.event_state import EventState
from yuqing.analysis.pipeline import Pipeline, Post

RECENT_S = 3600.0  # the event's last post at most this long ago
TAUGHT = 2000  # posts the stream has added to the IDF table, at least
RARE_IDF = 9.0
LOWER_THRESHOLD = 0.24
COUNTY_THRESHOLD = 0.26
COUNTY_DIGITS = 6
KEEP = set(ClusterStage.reads) | {"url", "own_text", "text_clean", "content_hash"}


class Looser(EventStore):
    """Version 3; when it says no to two short texts, `looser()` may still join them."""

    taught = TAUGHT

    def __init__(self) -> None:
        super().__init__()
        self.fired = 0  # posts the rule put in an event that version 3 would not have joined
        self._lifted: set[str] = set()

    def add(self, post: Post) -> str:
        self._lifted = set()
        event = super().add(post)
        self.fired += event in self._lifted
        return event

    def _score(self, state: EventState, vector: dict[str, float], text: str,
               places: tuple[str, ...], floor: float = 0.0) -> tuple[float, float]:
        result = super()._score(state, vector, text, places, floor)
        shorter, longer = sorted((len(text), len(state.text)))
        if (result[0] >= self.threshold or shorter > HEADLINE_CHARS or longer > SHORT_CHARS
                or self.clock - state.last_seen > RECENT_S or place_relation(places, state.places) < 0):
            return result
        if self.looser(state, vector, text, places, result[0]):
            self._lifted.add(state.id)
            return self.threshold, result[1]
        return result

    def looser(self, state: EventState, vector: dict[str, float], text: str, places: tuple[str, ...],
               v3_score: float) -> bool:
        return False


class Rare(Looser):
    def looser(self, state: EventState, vector: dict[str, float], text: str, places: tuple[str, ...],
               v3_score: float) -> bool:
        shared = [t for t in vector if t in state.centroid]
        return (self.idf.documents >= self.taught and bool(shared)
                and max(self.idf.weights(shared, without=state.content)) >= RARE_IDF)


class RareUntaught(Rare):
    taught = 0


class Lower(Looser):
    def looser(self, state: EventState, vector: dict[str, float], text: str, places: tuple[str, ...],
               v3_score: float) -> bool:
        return self.idf.documents >= self.taught and v3_score >= LOWER_THRESHOLD


class County(Looser):
    def looser(self, state: EventState, vector: dict[str, float], text: str, places: tuple[str, ...],
               v3_score: float) -> bool:
        if not any((a.startswith(b) or b.startswith(a)) and min(len(a), len(b)) >= COUNTY_DIGITS
                   for a in places for b in state.places):
            return False
        if len(text) <= len(state.text):
            cover, hits = coverage(vector, state.text, state.centroid)
        else:
            cover, hits = coverage(state.centroid, text, vector)
        return bool(hits) and score(state.cosine(vector), cover, 1) >= COUNTY_THRESHOLD


RULES: dict[str, type[EventStore]] = {"base": EventStore, "rare": Rare, "rare-untaught": RareUntaught, "lower": Lower,
                                      "county": County}


def _slim(posts: list[Post]) -> list[Post]:
    return [{k: v for k, v in post.items() if k in KEEP} for post in posts]


def _prefix(posts: list[Post], stages: Sequence[Any]) -> list[Post]:
    pipeline = Pipeline(list(stages))
    for start in range(0, len(posts), E.BATCH):
        pipeline.run(posts[start: start + E.BATCH])
    return _slim(posts)


def prepare_pairs(pairs: list[Pair]) -> dict[str, Any]:
    """The pairs' posts after every stage before cluster, in the three ways events.py feeds them."""
    from yuqing.analysis.assemble import default_stages
    from yuqing.analysis.segment import SegmentStage

    crowd = _crowd_order(pairs)
    stream = lambda order, gap: [p for i, pair in enumerate(order) for p in E._posts(i, pair, gap)]  # noqa: E731
    upto_cluster = lambda: [s for s in default_stages() if s.name != "cluster"]  # noqa: E731
    stateless = [SegmentStage(learn_idf=False) if s.name == "segment" else s for s in default_stages()
                 if s.name not in ("dedup", "cluster")]
    return {"pairs": pairs, "crowd": crowd,
            "alone": _prefix(stream(pairs, E.GAP), upto_cluster()),
            "crowded": _prefix(stream(crowd, E.CROWD_GAP), upto_cluster()),
            "fresh": _prefix(stream(pairs, E.GAP), stateless)}


def _crowd_order(pairs: list[Pair]) -> list[Pair]:
    """The crowded way's order, as events.evaluate shuffles the pairs."""
    import hashlib

    return sorted(pairs, key=lambda p: hashlib.blake2b(f"{p.kind}|{p.key}".encode(), digest_size=8).digest())


def pair_scores(prepared: dict[str, Any], store: Callable[[], EventStore]) -> dict[str, Any]:
    from yuqing.analysis.dedup import DedupStage

    report: dict[str, Any] = {}
    for way in ("alone", "crowded"):
        posts, stage = copy.deepcopy(prepared[way]), ClusterStage(store())
        for start in range(0, len(posts), E.BATCH):
            stage(posts[start: start + E.BATCH])
        pairs = prepared["pairs" if way == "alone" else "crowd"]
        report[way] = E.score(pairs, E._said(posts))
        if way == "crowded":
            report[way] |= E.foreign_joins(pairs, posts)
    posts = copy.deepcopy(prepared["fresh"])
    for start in range(0, len(posts), 2):
        DedupStage()(posts[start: start + 2])
        ClusterStage(store())(posts[start: start + 2])
    report["fresh"] = E.score(prepared["pairs"], E._said(posts))
    return report


def prepare_titles(data: Path, limit: int = 10_000) -> tuple[list[Post], list[str]]:
    from yuqing.analysis.dedup import DedupStage
    from yuqing.analysis.evaluation.dedup_cluster import preprocessor

    rows = [json.loads(line) for line in (data / "topics" / "thucnews_titles_dev.jsonl").open(encoding="utf-8")][:limit]
    posts = [{"id": f"t{i}", "text": r["title"], "title": "", "url": "", "created_at": 1.6e9 + i}
             for i, r in enumerate(rows)]
    prepare, _ = preprocessor()
    prepare(posts)
    DedupStage()(posts)
    return _slim(posts), [r["label"] for r in rows]


def title_scores(posts: list[Post], labels: list[str], store: Callable[[], EventStore]) -> dict[str, Any]:
    from yuqing.analysis.evaluation.dedup_cluster import clustering_scores

    posts, stage = copy.deepcopy(posts), ClusterStage(store())
    stage(posts)
    events = [stage.store.resolve(p["event"]) or p["event"] for p in posts]
    sizes: dict[str, int] = {}
    for event in events:
        sizes[event] = sizes.get(event, 0) + 1
    scores = clustering_scores(events, labels)
    return {"in_events_of_2+": sum(1 for e in events if sizes[e] > 1), "purity": scores["purity"],
            "rule_joins": getattr(stage.store, "fired", 0)}


def _line(name: str, pairs: dict[str, Any], titles: dict[str, Any]) -> str:
    cells = []
    for way in ("alone", "crowded", "fresh"):
        for kind in E.KINDS:
            r = pairs[way][kind]
            cells.append(f"{r['precision']:.3f}/{r['recall']:.3f}/{r['f1']:.3f} ({r['false_merges']})")
    cells.append(str(pairs["crowded"]["foreign_joins"]))
    cells += [str(titles["in_events_of_2+"]), f"{titles['purity']:.4f}", str(titles["rule_joins"])]
    return f"| {name} | " + " | ".join(cells) + " |"


def compare(description: str, stores: dict[str, type[EventStore]], option: str = "rules", label: str = "rule") -> int:
    """The command line of a comparison: --data, --split, --<option> (names of `stores`); one
    table row each."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("YUQING_SHARED_DATA", "../shared/data")))
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument(f"--{option}", default=",".join(stores))
    args = parser.parse_args()
    from yuqing.collect.evaluation import article_pages

    chosen = [name for name in getattr(args, option).split(",") if name]
    unknown = [name for name in chosen if name not in stores]
    if unknown:
        parser.error(f"unknown {option}: {', '.join(unknown)} (known: {', '.join(stores)})")
    articles = load_articles(args.data, pages=article_pages(args.data / "html" / "chinese_news_pages" / "articles"))
    prepared = prepare_pairs(build_pairs(articles, args.split))
    titles, labels = prepare_titles(args.data)
    ways = [f"{way} {kind[6:]}" for way in ("alone", "crowded", "fresh") for kind in E.KINDS]
    print(f"{args.split} half: P / R / F1 (false merges); THUCNews: 10,000 titles one second apart")
    print(f"| {label} | " + " | ".join(ways) + " | crowded foreign joins | titles in events of 2+ | purity | rule joins |")
    print("|" + " --- |" * (len(ways) + 5))
    for name in chosen:
        store = stores[name]
        print(_line(name, pair_scores(prepared, store), title_scores(titles, labels, store)), flush=True)
    return 0


def main() -> int:
    return compare(__doc__ or "", RULES)

if __name__ == "__main__":
    sys.exit(main())
