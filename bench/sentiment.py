"""Posts per second of the sentiment model on one core, beside the char n-gram LR baseline.

    .venv/bin/python bench/sentiment.py [--stream-posts 50000] [--batch 1000]

Texts: SMP2020 usual_eval and virus_eval (4,000 posts) and the first non-empty texts of the CED
Weibo stream, all put in match form first (as text_norm arrives at the stage). Times are CPU
seconds of this process (time.process_time), i.e. one core, whatever else the machine runs;
BLAS threads are pinned to one for the same reason. The baseline (TF-IDF char 1-3-grams +
logistic regression, scripts/sentiment_baseline.py) is trained on SMP virus_train first, then
timed on the same texts in the same batches: its transform + predict is what a stage built on it
would pay.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from itertools import islice  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "scripts"))

from sentiment_baseline import fit_baseline  # noqa: E402

from yuqing.analysis.evaluation import sentiment_data as data  # noqa: E402
from yuqing.analysis.sentiment import SentimentStage, classify_match_form, shipped_model  # noqa: E402
from yuqing.analysis.sentiment_features import match_form  # noqa: E402


def stream_texts(count: int) -> list[str]:
    with gzip.open(DATA / "stream" / "ced_weibo_dev.jsonl.gz", "rt", encoding="utf-8") as lines:
        texts = (json.loads(line).get("text") or "" for line in lines)
        return list(islice((t for t in texts if t.strip()), count))


def per_second(work: Callable[[list[str]], object], texts: list[str], batch: int) -> float:
    started = time.process_time()
    for start in range(0, len(texts), batch):
        work(texts[start : start + batch])
    return len(texts) / (time.process_time() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stream-posts", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    smp = [t for split in ("usual_eval", "virus_eval") for t, _ in data.smp(DATA, split)]
    texts = [match_form(t) for t in smp + stream_texts(args.stream_posts)]
    mean_chars = sum(map(len, texts)) / len(texts)
    print(f"{len(texts)} posts ({len(smp)} SMP eval + {len(texts) - len(smp)} CED stream), mean {mean_chars:.0f} characters")
    started = time.perf_counter()
    model = shipped_model()
    print(f"model load: {time.perf_counter() - started:.2f} s, {model.meta['grams']} n-grams")
    train = data.smp(DATA, "virus_train")
    baseline = fit_baseline([match_form(t) for t, _ in train], [label for _, label in train])
    stage = SentimentStage(model)

    def run_stage(chunk: list[str]) -> None:
        stage([{"text_norm": t, "title_norm": ""} for t in chunk])

    rows = [
        ("shipped model, classify_match_form", per_second(lambda c: classify_match_form([("", t) for t in c], "weibo", model), texts, args.batch)),
        ("shipped model, SentimentStage (posts as dicts)", per_second(run_stage, texts, args.batch)),
        ("baseline char 1-3-gram TF-IDF LR, predict", per_second(baseline.predict, texts, args.batch)),
    ]
    for name, rate in rows:
        print(f"{name:<50} {rate:>10,.0f} posts/s  {1e6 / rate:8.1f} µs/post")
    print(f"speed-up over the baseline: {rows[0][1] / rows[2][1]:.1f}x")


if __name__ == "__main__":
    main()
