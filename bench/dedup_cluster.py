"""Speed and memory of the dedup and cluster stages on the real Weibo stream (CED).

1. Throughput: posts/s of dedup and of cluster over N stream posts (default 200,000) prepared
   by the normalize, segment and places stages (their time is printed too, not counted in ours).
2. Near-duplicate engines side by side on the same sample of posts with enough content (insert + query,
   first match verified at the threshold): ours (numpy signatures + windowed index, the whole
   stage), datasketch MinHash+MinHashLSH (the pure-Python baseline), rensa and gaoya. Found
   copies are checked against exact bigram Jaccard; recall is relative to all engines together.
Times are CPU seconds of this process (time.process_time), so that other work on a shared
machine does not count against us; one core.

3. Memory: the stream replayed with its timestamps squeezed so that all of it (640,961 posts)
   falls inside one 72-hour window; tracemalloc measures the state the two stages keep, and
   the bytes per post give the 1M-post window by linear extrapolation.

    .venv/bin/python bench/dedup_cluster.py [--posts 200000] [--sample 20000] [--skip-memory]
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import os
import resource
import time
import tracemalloc
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterator

from yuqing.analysis.clustering import ClusterStage
from yuqing.analysis.dedup import DedupStage
from yuqing.analysis.minhash import meaningful_text
from yuqing.analysis.normalize import NormalizeStage
from yuqing.analysis.places import PlacesStage
from yuqing.analysis.segment import SegmentStage

DATA = Path(os.environ.get("YUQING_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
STREAM = DATA / "stream" / "ced_weibo_dev.jsonl.gz"
FIELDS = ("id", "text", "title", "url", "created_at", "parent_id", "text_norm", "own_text", "tokens", "keywords",
          "title_norm", "places")
BATCH = 1000


def prepared_stream(limit: int | None, timed: int) -> tuple[list[tuple], dict[str, float]]:
    """The first `limit` posts through normalize, segment and places, kept as compact tuples.

    Returns the seconds each of the three stages spent on the first `timed` posts.
    """
    normalize, segment, places = NormalizeStage(), SegmentStage(), PlacesStage()
    rows: list[tuple] = []
    spent = {"normalize": 0.0, "segment": 0.0, "places": 0.0}
    with gzip.open(STREAM, "rt", encoding="utf-8") as lines:
        records = (json.loads(line) for line in islice(lines, limit))
        while batch := [_post(r) for r in islice(records, BATCH)]:
            for name, stage in (("normalize", normalize), ("segment", segment), ("places", places)):
                started = time.process_time()
                stage(batch)
                spent[name] += (time.process_time() - started) if len(rows) < timed else 0.0
            rows += [tuple(p.get(f) for f in FIELDS) for p in batch]
    return rows, spent


def _post(record: dict[str, Any]) -> dict[str, Any]:
    return {"id": record["id"], "text": record.get("text") or "", "title": "", "url": "", "ip_location": "",
            "created_at": float(record["created_at"]), "parent_id": record.get("parent")}


def batches(rows: list[tuple], squeeze: float | None = None, fresh: bool = False) -> Iterator[list[dict[str, Any]]]:
    """Post dicts, BATCH at a time. `squeeze` re-times post i to first_time + i * squeeze;
    `fresh` gives every string its own object, so that tracemalloc counts what the stages keep."""
    first = rows[0][4] if rows else 0.0
    for start in range(0, len(rows), BATCH):
        batch = [dict(zip(FIELDS, _fresh(row) if fresh else row)) for row in rows[start:start + BATCH]]
        if squeeze is not None:
            for offset, post in enumerate(batch):
                post["created_at"] = first + (start + offset) * squeeze
        yield batch


def _fresh(row: tuple) -> tuple:
    copy = lambda v: v.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")  # noqa: E731
    return tuple(copy(v) if isinstance(v, str) else [copy(t) if isinstance(t, str) else t for t in v]
                 if isinstance(v, list) else v for v in row)


def throughput(rows: list[tuple], spent: dict[str, float]) -> None:
    dedup, cluster = DedupStage(), ClusterStage()
    took = {"dedup": 0.0, "cluster": 0.0}
    for batch in batches(rows):
        for name, stage in (("dedup", dedup), ("cluster", cluster)):
            started = time.process_time()
            stage(batch)
            took[name] += time.process_time() - started
    n = len(rows)
    print(f"\n== throughput on {n:,} CED posts (batches of {BATCH}) ==")
    for name, seconds in {**spent, **took}.items():
        print(f"{name:>10}: {n / seconds:>9,.0f} posts/s  {seconds / n * 1e6:6.1f} us/post")
    both = took["dedup"] + took["cluster"]
    print(f"dedup+cluster: {both / n * 1e6:.1f} us/post (target < 40); "
          f"all five stages: {n / (both + sum(spent.values())):,.0f} posts/s (target 10,000)")


def engines(rows: list[tuple], sample: int, threshold: float = 0.6) -> None:
    long_enough = [row for row in rows if _eligible(meaningful_text(row[6] or ""))][:sample]
    posts = [p for batch in batches(long_enough) for p in batch]
    texts = [meaningful_text(p["text_norm"]) for p in posts]
    results = {name: _timed(run, posts, texts, threshold) for name, run in ENGINES.items()}
    verified = {name: {q for q, m in found if _jaccard(texts[q], texts[m]) >= threshold}
                for name, (_, found) in results.items()}
    truth = set().union(*verified.values())  # posts some engine showed to copy an earlier one
    print(f"\n== near-duplicate engines on {len(posts):,} long-enough posts (threshold {threshold}) ==")
    base = results["datasketch"][0]
    for name, (seconds, found) in results.items():
        right = len(verified[name])
        print(f"{name:>10}: {len(posts) / seconds:>9,.0f} posts/s  x{base / seconds:5.1f} vs datasketch  "
              f"copies found {len(found):5d}  verified {right / max(1, len(found)):.3f}  "
              f"recall {right / max(1, len(truth)):.3f}")


def _eligible(text: str) -> bool:
    """The stage's content rule (10+ meaningful characters, 9+ distinct bigrams) for every engine:
    below it the stage never calls anything a copy, by design ("哈哈哈哈哈哈哈哈哈哈")."""
    return len(text) >= 10 and len(set(_bigrams(text))) >= 9


def _timed(run: Callable, posts: list[dict], texts: list[str], threshold: float) -> tuple[float, set]:
    started = time.process_time()
    found = run(posts, texts, threshold)
    return time.process_time() - started, found


def _bigrams(text: str) -> list[str]:
    return [text[i:i + 2] for i in range(len(text) - 1)]


def _jaccard(a: str, b: str) -> float:
    x, y = set(_bigrams(a)), set(_bigrams(b))
    return len(x & y) / len(x | y) if x | y else 0.0


def run_ours(posts: list[dict], texts: list[str], threshold: float) -> set:
    # The other engines keep everything; so does ours here: posts one second apart, a 2-hour
    # window (longer than the sample) cut in 5-minute slices, so lookups also cross frozen slices.
    stage, index = DedupStage(window_hours=2, threshold=threshold), {p["id"]: i for i, p in enumerate(posts)}
    batch = [{**p, "url": "", "parent_id": None, "created_at": 1e9 + i} for i, p in enumerate(posts)]
    for start in range(0, len(batch), BATCH):
        stage(batch[start:start + BATCH])
    return {(i, index[p["duplicate_of"]]) for i, p in enumerate(batch) if p["duplicate_of"] in index}


def run_datasketch(posts: list[dict], texts: list[str], threshold: float) -> set:
    from datasketch import MinHash, MinHashLSH

    lsh, kept, found = MinHashLSH(threshold=threshold, num_perm=64), {}, set()
    for i, text in enumerate(texts):
        sig = MinHash(num_perm=64)
        sig.update_batch([g.encode("utf-8") for g in set(_bigrams(text))])
        best = max(((sig.jaccard(kept[k]), -k) for k in lsh.query(sig)), default=None)
        if best and best[0] >= threshold:
            found.add((i, -best[1]))
        lsh.insert(i, sig)
        kept[i] = sig
    return found


def run_rensa(posts: list[dict], texts: list[str], threshold: float) -> set:
    from rensa import RMinHash, RMinHashLSH

    lsh, kept, found = RMinHashLSH(threshold=threshold, num_perm=64, num_bands=16), {}, set()
    for i, text in enumerate(texts):
        sig = RMinHash(num_perm=64, seed=42)
        sig.update(list(set(_bigrams(text))))
        best = max(((sig.jaccard(kept[k]), -k) for k in lsh.query(sig)), default=None)
        if best and best[0] >= threshold:
            found.add((i, -best[1]))
        lsh.insert(i, sig)
        kept[i] = sig
    return found


def run_gaoya(posts: list[dict], texts: list[str], threshold: float) -> set:
    from gaoya.minhash import MinHashStringIndex

    index = MinHashStringIndex(hash_size=32, jaccard_threshold=threshold, num_bands=16, band_size=4,
                               analyzer="char", ngram_range=(2, 2))
    found = set()
    for i, text in enumerate(texts):
        hits = index.query(text, return_similarity=True) if i else []
        best = max(((sim, -k) for k, sim in hits), default=None)
        if best and best[0] >= threshold:
            found.add((i, -best[1]))
        index.insert_document(i, text)
    return found


ENGINES = {"ours": run_ours, "datasketch": run_datasketch, "rensa": run_rensa, "gaoya": run_gaoya}


def memory(rows: list[tuple], links: bool, window_hours: float = 72.0) -> None:
    squeeze = window_hours * 3600 * 0.95 / max(1, len(rows))  # the whole replay inside one window
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    dedup, cluster = DedupStage(window_hours=window_hours), ClusterStage()
    for batch in batches(rows, squeeze, fresh=True):
        if not links:
            for post in batch:
                post["parent_id"] = None
        dedup(batch)
        cluster(batch)
    del batch
    gc.collect()
    state, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    state -= before
    n, per_post, index = len(rows), state / max(1, len(rows)), dedup.index
    arrays = index.keys.nbytes + index.rows.nbytes + index.sigs.nbytes + 16 * len(index.ids)
    store = cluster.store
    print(f"\n== memory: {n:,} posts inside one {window_hours:.0f} h window (stream time squeezed), "
          f"{'with parent links' if links else 'text only, no parent links'} ==")
    print(f"state kept by dedup+cluster: {state / 2**20:,.0f} MiB ({per_post:,.0f} B/post); peak while running "
          f"{(peak - before) / 2**20:,.0f} MiB; {index.indexed():,} posts in the LSH index "
          f"({arrays / max(1, len(index.ids)):,.0f} B each in frozen arrays), {len(store.live):,} live events, "
          f"{len(store.dormant):,} dormant, {len(store.story_event):,} story links")
    print(f"1M-post window, extrapolated linearly: {per_post * 1e6 / 2**20:,.0f} MiB "
          f"(CED has {index.indexed() / n:.0%} of posts long and new enough to index; "
          f"if every post were, add about {(1 - index.indexed() / n) * arrays / max(1, len(index.ids)) * 1e6 / 2**20:,.0f} MiB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    rows, spent = prepared_stream(args.posts if args.skip_memory else None, args.posts)
    throughput(rows[:args.posts], spent)
    engines(rows, args.sample)
    if not args.skip_memory:
        memory(rows, links=True)
        memory(rows, links=False)
    print(f"\nprocess max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")


if __name__ == "__main__":
    main()
