"""How well dedup and event clustering do on the shared data; every number comes from a run.

    python -m yuqing.analysis.evaluation.dedup_cluster ../shared/data [stream_posts]

- pairs (PAWS-X, LCQMC, BQ): would the dedup stage call b a near-duplicate of a (both long
  enough, a shared LSH band, estimated Jaccard >= threshold)? Would b join the event a started
  (the cluster store's own decision, each pair alone)? These sets label paraphrase, not copying
  and not incidents, and both stages are lexical: expect PAWS-X word-order swaps to be called
  copies and real paraphrases to be missed, and questions that share no rare word (BQ's bank
  questions) never to make an event together. Same-incident pairs are events.py's.
- CED stream: reposts whose story is their cascade's original, reposts placed in the event of
  their original, events per cascade; once with the stream's parent links, once from text only
  (the `cascade` field is only the answer key; no stage reads it).
- THUCNews titles: purity, NMI and pairwise F1 of events against 10 coarse classes (an event is
  far narrower than "sports", so purity is the telling number and recall is low by design).
"""

from __future__ import annotations

import gzip
import json
import math
import statistics
import sys
import unicodedata
from collections import Counter
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import numpy as np

from yuqing.analysis.clustering import ClusterStage, EventStore, post_terms
from yuqing.analysis.dedup import DedupStage
from yuqing.analysis.minhash import meaningful_text
from yuqing.analysis.pipeline import Post

PAIR_SETS = ("pawsx", "lcqmc", "bq")


def evaluate(data_root: Path, stream_posts: int = 200_000, titles: int = 10_000) -> dict[str, Any]:
    prepare, how = preprocessor()
    pairs = {name: pair_scores(data_root / "pairs" / f"{name}_valid.jsonl", prepare) for name in PAIR_SETS}
    stream = data_root / "stream" / "ced_weibo_dev.jsonl.gz"
    return {
        "preprocess": how,
        "pairs": pairs,
        "stream_with_parent_links": stream_scores(stream, stream_posts, prepare, links=True),
        "stream_text_only": stream_scores(stream, stream_posts, prepare, links=False),
        "thucnews_titles": title_scores(data_root / "topics" / "thucnews_titles_dev.jsonl", titles, prepare),
    }


def preprocessor() -> tuple[Callable[[list[Post]], None], str]:
    """The normalize and segment stages when present, else NFKC + lower-case and jieba."""
    try:
        from yuqing.analysis.normalize import NormalizeStage
        from yuqing.analysis.segment import SegmentStage
    except ImportError:
        return _fallback_prepare, "fallback: NFKC+lower, jieba.lcut tokens as keywords"
    normalize, segment = NormalizeStage(), SegmentStage()

    def prepare(batch: list[Post]) -> None:
        normalize(batch)
        segment(batch)
    return prepare, "yuqing normalize + segment stages"


def _fallback_prepare(batch: list[Post]) -> None:
    import jieba

    for post in batch:
        norm = unicodedata.normalize("NFKC", post.get("text") or "").lower()
        post["text_norm"], post["own_text"] = norm, norm.split("//@")[0]
        words = [w for w in jieba.lcut(norm) if len(w.strip()) >= 2]
        post["tokens"] = post["keywords"] = words


def pair_scores(path: Path, prepare: Callable[[list[Post]], None]) -> dict[str, Any]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    a = [{"id": f"a{i}", "text": r["a"], "title": ""} for i, r in enumerate(rows)]
    b = [{"id": f"b{i}", "text": r["b"], "title": ""} for i, r in enumerate(rows)]
    prepare(a)
    prepare(b)
    labels = np.array([int(r["label"]) for r in rows])
    return {"pairs": len(rows), "positives": int(labels.sum()),
            "dedup": _near_duplicate_decisions(a, b, labels), "cluster": _same_event_decisions(a, b, labels)}


def _near_duplicate_decisions(a: list[Post], b: list[Post], labels: np.ndarray) -> dict[str, Any]:
    stage = DedupStage()
    texts = [[_long_enough(p, stage.min_chars) for p in side] for side in (a, b)]
    sig_a, sig_b = (stage.hasher.signatures(t) for t in texts)
    usable = stage.hasher.usable(sig_a) & stage.hasher.usable(sig_b)
    shared_band = (stage.hasher.band_keys(sig_a) == stage.hasher.band_keys(sig_b)).any(axis=1)
    similarity = stage.hasher.similarity(sig_a, sig_b)
    said = usable & shared_band & (similarity >= stage.threshold)
    return {"threshold": stage.threshold, "too_short": round(float(1 - usable.mean()), 4),
            **_precision_recall(said, labels)}


def _long_enough(post: Post, min_chars: int) -> str:
    text = meaningful_text(post.get("text_norm") or "")
    return text if len(text) >= min_chars else ""


def _same_event_decisions(a: list[Post], b: list[Post], labels: np.ndarray) -> dict[str, Any]:
    """Would b join the event a started? Each pair alone in a store, with the whole set's word
    statistics (as a stream would have them); no places (only normalize and segment ran)."""
    idf = EventStore().idf
    for post in a + b:
        idf.add_document(post_terms(post))
    idf.learn = False
    said = []
    for pa, pb in zip(a, b):
        store = EventStore()
        store.idf = idf
        first = store.add({**pa, "story": pa["id"], "created_at": 0.0})
        said.append(store.add({**pb, "story": pb["id"], "created_at": 120.0}) == first)
    return {"threshold": EventStore().threshold, **_precision_recall(np.array(said), labels)}


def _precision_recall(said: np.ndarray, labels: np.ndarray) -> dict[str, Any]:
    tp = int((said & (labels == 1)).sum())
    precision = tp / max(1, int(said.sum()))
    recall = tp / max(1, int(labels.sum()))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"said_yes": int(said.sum()), "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4)}


def stream_records(path: Path, limit: int) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in islice(lines, limit):
            yield json.loads(line)


def stream_scores(path: Path, limit: int, prepare: Callable[[list[Post]], None], links: bool) -> dict[str, Any]:
    dedup, cluster = DedupStage(), ClusterStage()
    seen: list[tuple[str, str, str, str, str, bool]] = []  # id, cascade, kind, story, event, is copy
    merged: dict[str, str] = {}
    for records in _batches(stream_records(path, limit), 1000):
        batch = [_stream_post(r, links) for r in records]
        prepare(batch)
        dedup(batch)
        cluster(batch)
        merged.update(cluster.store.merged)
        seen += [(p["id"], r["cascade"], r["kind"], p["story"], p["event"], p["duplicate_of"] is not None)
                 for p, r in zip(batch, records)]
    return _cascade_scores(seen, merged)


def _stream_post(record: dict[str, Any], links: bool) -> Post:
    post = {"id": record["id"], "text": record.get("text") or "", "title": "", "url": "",
            "created_at": float(record["created_at"])}
    if links and record.get("parent"):
        post["parent_id"] = record["parent"]
    return post


def _cascade_scores(seen: list[tuple[str, str, str, str, str, bool]], merged: dict[str, str]) -> dict[str, Any]:
    def final(event: str) -> str:
        while event in merged:
            event = merged[event]
        return event

    original_event = {pid: final(ev) for pid, cascade, kind, _, ev, _ in seen if kind == "original"}
    reposts = [r for r in seen if r[2] != "original" and r[1] in original_event]
    by_cascade: dict[str, set[str]] = {}
    for _, cascade, _, _, event, _ in seen:
        if cascade in original_event:
            by_cascade.setdefault(cascade, set()).add(final(event))
    spread = [len(events) for events in by_cascade.values()]
    copies = sum(r[5] for r in seen)
    return {"posts": len(seen), "reposts_with_original_seen": len(reposts),
            "repost_story_is_original": round(sum(r[3] == r[1] for r in reposts) / max(1, len(reposts)), 4),
            "repost_in_original_event": round(sum(final(r[4]) == original_event[r[1]] for r in reposts) / max(1, len(reposts)), 4),
            "events_per_cascade_mean": round(statistics.mean(spread), 2) if spread else 0.0,
            "events_per_cascade_median": statistics.median(spread) if spread else 0,
            "cascades": len(spread), "events": len({final(r[4]) for r in seen}),
            "marked_duplicate": copies, "marked_duplicate_share": round(copies / max(1, len(seen)), 4)}


def title_scores(path: Path, limit: int, prepare: Callable[[list[Post]], None]) -> dict[str, Any]:
    rows = [json.loads(line) for line in islice(path.open(encoding="utf-8"), limit)]
    posts = [{"id": f"t{i}", "text": r["title"], "title": "", "url": "", "created_at": 1.6e9 + i}
             for i, r in enumerate(rows)]
    prepare(posts)
    DedupStage()(posts)
    cluster = ClusterStage()
    cluster(posts)
    events = [cluster.store.resolve(p["event"]) or p["event"] for p in posts]
    return clustering_scores(events, [r["label"] for r in rows])


def clustering_scores(clusters: list[str], classes: list[str]) -> dict[str, Any]:
    """Purity, NMI (arithmetic normalisation) and pair-counting precision/recall/F1."""
    cells = Counter(zip(clusters, classes))
    by_cluster, by_class, n = Counter(clusters), Counter(classes), len(clusters)
    purity = sum(max(c for (k, _), c in cells.items() if k == cluster) for cluster in by_cluster) / n
    pairs = lambda counts: sum(c * (c - 1) // 2 for c in counts)  # noqa: E731
    together, predicted, actual = pairs(cells.values()), pairs(by_cluster.values()), pairs(by_class.values())
    precision, recall = together / max(1, predicted), together / max(1, actual)
    return {"items": n, "clusters": len(by_cluster),
            "singletons": sum(1 for c in by_cluster.values() if c == 1), "purity": round(purity, 4),
            "nmi": round(_nmi(cells, by_cluster, by_class, n), 4),
            "pair_precision": round(precision, 4), "pair_recall": round(recall, 4),
            "pair_f1": round(2 * precision * recall / (precision + recall) if together else 0.0, 4)}


def _nmi(cells: Counter, by_cluster: Counter, by_class: Counter, n: int) -> float:
    entropy = lambda counts: -sum(c / n * math.log(c / n) for c in counts)  # noqa: E731
    mutual = sum(c / n * math.log(c * n / (by_cluster[k] * by_class[l])) for (k, l), c in cells.items())
    mean_entropy = (entropy(by_cluster.values()) + entropy(by_class.values())) / 2
    return mutual / mean_entropy if mean_entropy else 1.0


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    print(json.dumps(evaluate(root, stream_posts=limit), ensure_ascii=False, indent=2))
