"""Same-event pairs through the whole pipeline: precision, recall and F1 for short–short and short–long.

    yuqing eval --only events      (commands/analysis.py passes the news pages, which collect extracts)

Each pair (event_pairs.py) is fed as `yuqing analyze` would feed it: two posts with text only,
the second two minutes after the first, through the default pipeline; the pair is "same event"
when both posts get the same event id.

- alone: pairs follow each other four days apart in one stream, so every pair meets a window in
  which the previous pairs' events have gone quiet and the dedup window has moved on, while the
  stream's word statistics carry on as in a real run.
- crowded: the same pairs, shuffled, ten minutes apart: every pair meets the events of the 150
  pairs before it that day. `foreign_joins` counts the posts whose event also holds a text of an
  article outside their own pair: merges across incidents that a pair alone cannot show (an
  upper bound: CCF holds other reports of some incidents, and those joins are right).
- fresh: each pair as its own `yuqing analyze` run, so every word weight is the shipped prior's
  (jieba's IDF table) and nothing the stream taught.

The "test" half is what the documentation reports; the "dev" half is the one any setting was
chosen on.

Under "read", the same three ways for the pairs of event_pairs_read.py: two different articles
a pair, read and labelled one event or two, fed as two headlines, a headline and the other's
lead, a headline and the other's body; "alone, part" scores the pairs of two news-like articles
(event_pairs.news_like) of the alone run.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Callable, Iterable

from yuqing.analysis.evaluation import event_pairs_read
from yuqing.analysis.evaluation.event_pairs import Pair, build_pairs, load_articles
from yuqing.analysis.pipeline import Pipeline, Post

T0 = 1_546_300_800.0  # 2019-01-01, about when the articles were written
GAP = 4 * 86400.0  # between pairs: longer than the dedup window and the events' idle time
CROWD_GAP = 600.0
BATCH = 2000  # posts per pipeline call, as `yuqing analyze` batches them
KINDS = ("short-short", "short-long")


def evaluate(data_root: Path, splits: tuple[str, ...] = ("test", "dev"),
             pages: Iterable[tuple[str, str, str]] = ()) -> dict[str, Any]:
    articles = load_articles(data_root, pages)
    report: dict[str, Any] = {"articles": len(articles), "pairs_from": "CCF 2019 news + GeneralNewsExtractor pages (event_pairs.py)"}
    for split in splits:
        report[split] = three_ways(build_pairs(articles, split))
    report["read"] = {"pairs_from": "two CCF 2019 articles, read and labelled (event_pairs_read.py)"}
    found = event_pairs_read.articles(data_root)
    news = event_pairs_read.news_like_keys(found)
    for split in splits:
        pairs = event_pairs_read.build_pairs(found, split)
        report["read"][split] = three_ways(pairs, lambda pair: all(key in news for key in pair.sources))
    return report


def three_ways(pairs: list[Pair], part: Callable[[Pair], bool] | None = None) -> dict[str, Any]:
    """The pairs alone, crowded and fresh (see the module's docstring); with `part`, the alone
    way's scores of the pairs it selects too ("alone, part")."""
    crowd = sorted(pairs, key=lambda p: hashlib.blake2b(f"{p.kind}|{p.key}".encode(), digest_size=8).digest())
    crowd_posts = run_pairs(crowd, CROWD_GAP)
    alone = _fresh_pipeline()
    said = _said(run_pairs(pairs, GAP, alone))
    report = {"alone": score(pairs, said) | _cluster_cost(alone),
              "crowded": score(crowd, _said(crowd_posts)) | foreign_joins(crowd, crowd_posts),
              "fresh": score(pairs, _said(run_fresh(pairs)))}
    if part is not None:
        chosen = [(pair, same) for pair, same in zip(pairs, said) if part(pair)]
        report["alone, part"] = score([pair for pair, _ in chosen], [same for _, same in chosen])
    return report


def same_event(pairs: list[Pair], pipeline: Pipeline | None = None, gap: float = GAP) -> list[bool]:
    """For each pair: did the pipeline put its two posts in one event?"""
    return _said(run_pairs(pairs, gap, pipeline))


def run_pairs(pairs: list[Pair], gap: float, pipeline: Pipeline | None = None) -> list[Post]:
    """The pairs' posts (two a pair, in order) after the pipeline, pair i starting at T0 + i * gap."""
    pipeline = pipeline or _fresh_pipeline()
    posts = [post for index, pair in enumerate(pairs) for post in _posts(index, pair, gap)]
    for start in range(0, len(posts), BATCH):
        pipeline.run(posts[start: start + BATCH])
    return posts


def run_fresh(pairs: list[Pair]) -> list[Post]:
    """Each pair through stages that start afresh: keywords from the prior alone, new dedup and
    cluster stages (the stateless stages are shared; they learn nothing)."""
    from yuqing.analysis.assemble import default_stages
    from yuqing.analysis.clustering import ClusterStage
    from yuqing.analysis.dedup import DedupStage
    from yuqing.analysis.segment import SegmentStage

    stages = [SegmentStage(learn_idf=False) if s.name == "segment" else s for s in default_stages()
              if s.name not in ("dedup", "cluster")]
    before = Pipeline(stages)
    posts = [post for index, pair in enumerate(pairs) for post in _posts(index, pair, GAP)]
    for start in range(0, len(posts), BATCH):
        before.run(posts[start: start + BATCH])
    for start in range(0, len(posts), 2):
        pair = posts[start: start + 2]
        DedupStage()(pair)
        ClusterStage()(pair)
    return posts


def _cluster_cost(pipeline: Pipeline) -> dict[str, float]:
    """Wall time of the cluster stage per post (half the posts are whole articles)."""
    per_post = pipeline.timing.seconds.get("cluster", 0.0) / max(1, pipeline.timing.posts)
    return {"cluster_us_per_post": round(per_post * 1e6, 1)}


def _said(posts: list[Post]) -> list[bool]:
    return [posts[i]["event"] == posts[i + 1]["event"] for i in range(0, len(posts), 2)]


def foreign_joins(pairs: list[Pair], posts: list[Post]) -> dict[str, Any]:
    """Posts sharing their event with a text from an article outside their own pair."""
    articles: dict[str, set[str]] = {}
    for index, pair in enumerate(pairs):
        for post, source in zip(posts[2 * index: 2 * index + 2], pair.sources):
            articles.setdefault(post["event"], set()).add(source)
    foreign = sum(1 for index, pair in enumerate(pairs) for post in posts[2 * index: 2 * index + 2]
                  if articles[post["event"]] - set(pair.sources))
    return {"foreign_joins": foreign, "posts": len(posts)}


def _posts(index: int, pair: Pair, gap: float = GAP) -> list[Post]:
    at = T0 + index * gap
    return [{"id": f"p{index}-{n}", "text": text, "title": "", "created_at": at + 120.0 * n, "url": "",
             "site": "", "author": "", "source": "", "parent_id": ""}
            for n, text in enumerate((pair.first, pair.second))]


def _fresh_pipeline() -> Pipeline:
    from yuqing.analysis.assemble import default_stages

    return Pipeline(default_stages())


def score(pairs: list[Pair], said: list[bool]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    present = {p.kind for p in pairs}
    for kind in KINDS if present <= set(KINDS) else sorted(present):
        cases = [(p.label, s) for p, s in zip(pairs, said) if p.kind == kind]
        tp = sum(1 for label, s in cases if label and s)
        fp = sum(1 for label, s in cases if not label and s)
        positives = sum(label for label, _ in cases)
        precision, recall = tp / max(1, tp + fp), tp / max(1, positives)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[kind] = {"pairs": len(cases), "positives": positives, "false_merges": fp,
                        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
    return result

