"""Train the shipped risk model and print its cross-validated scores beside the baseline's.

    .venv/bin/python scripts/train_risk.py [--data ../shared/data] [--out src/yuqing/analysis/models]
                                           [--folds 5] [--no-cv] [--corrections FILE.jsonl] [--no-news]
                                           [--no-ced-labels]

--corrections adds the labels people gave in yuqing (`yuqing corrections export`) to the training
posts of every fold and of the final model; they are never scored.

1. Reads the 1,200 labelled posts (risk/dev.jsonl), their cascades and their sentiment scores
   (scored), the 1,188 labelled posts of the CED stream's other cascades (risk_ced_labels.tsv:
   training posts of every fold, never scored) and the 227 labelled roots of the 1,200's cascades
   (risk_ced_roots.tsv: training posts of the risk heads, in the folds that score none of their
   cascade; never scored) (--no-ced-labels leaves both out, the model before the seventh round),
   (the shipped sentiment model's, as the pipeline's sentiment stage gives them to the risk stage),
   the weak lexicon-typed posts of the stream's other cascades and the lexicon-typed CCF 2019
   negative news (analysis/evaluation/risk_data.py; --no-news leaves the news out).
   The model is tied to that sentiment model: retrain it whenever the sentiment model is retrained
   (risk.json's sentiment_version; the risk stage's version includes the sentiment model's).
2. 5-fold cross-validation grouped by cascade: on each fold the model (threshold from an inner
   cross-validation of the training folds) and the char 1-3-gram LR baseline are trained on the
   other folds and scored on it. Prints the scores as JSON.
3. Fits the model on all 1,200 (+ weak posts), keeps the KEEP strongest features (float16), and
   writes risk.npz / risk.json with the scores. docs/model-card-risk.md explains the choices.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from yuqing.analysis.evaluation import risk_data, risk_extra, risk_training
from yuqing.analysis.risk_features import SENTIMENT
from yuqing.analysis.risk_model import MODEL_DIR, RiskModel
from yuqing.analysis.sentiment import shipped_model

ROOT = Path(__file__).resolve().parents[1]
KEEP = 120_000
TRAINED_ON = {
    "risk head": ["risk/dev.jsonl: 1,200 CED Weibo posts labelled by hand (GUIDE.md)",
                  "their sentiment scores from the shipped sentiment model (sentiment_version)"],
    "type head": ["risk/dev.jsonl risk posts",
                  "CED stream posts of cascades outside the 1,200's, typed by the incident lexicon "
                  f"(weight {risk_training.WEAK_WEIGHT})"],
    "lexicon": ["analysis/data/risk_lexicon.txt, written by hand"],
}


def save(model: RiskModel, directory: Path, meta: dict, keep: int = KEEP) -> dict:
    """Write risk.npz/.json with the `keep` features of largest weight (the sentiment score's always)."""
    weights = model._weights[1:]
    strength = np.abs(weights).max(axis=1)
    strength[[i - 1 for i, name in enumerate(model.names) if name == SENTIMENT]] = np.inf
    kept = np.sort(np.argsort(-strength, kind="stable")[:keep])
    names = [model.names[i + 1] for i in kept]
    table = np.vstack([np.zeros((1, weights.shape[1])), weights[kept]]).astype(np.float16)
    blob = np.frombuffer("\0".join(names).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(directory / "risk.npz", features=blob, weights=table, bias=model._bias)
    meta = {**meta, "features": len(names), "features_before_pruning": len(model.names) - 1}
    (directory / "risk.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return meta


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation (scores kept from the old file)")
    parser.add_argument("--corrections", type=Path, help="JSONL written by `yuqing corrections export`: more training posts")
    parser.add_argument("--no-news", action="store_true",
                        help="leave out the CCF 2019 negative news that the type head learns from (the model before issue 14's fifth round)")
    parser.add_argument("--no-ced-labels", action="store_true",
                        help="leave out the labelled posts of the CED stream (the model before the seventh round)")
    args = parser.parse_args()
    posts = risk_data.labelled(args.data)
    ced = [] if args.no_ced_labels else risk_extra.ced_labelled(args.data)
    extra = risk_data.corrected(args.corrections)
    weak = risk_data.weak_typed(args.data, {p.cascade for p in posts}, {p.text for p in ced})
    news = [] if args.no_news else risk_data.weak_news(args.data)
    log(f"{len(posts)} labelled posts ({sum(p.risk for p in posts)} risk), {len(ced)} labelled stream posts "
        f"({sum(p.risk for p in ced)} risk), {len(weak)} weak typed posts, "
        f"{len(news)} weak typed news, {len(extra)} corrections")
    if news:
        TRAINED_ON["type head"].append(f"{len(news)} CCF 2019 negative news (title + text, {risk_data.NEWS_CHARS} characters), "
                                       f"typed by the incident lexicon (weight {risk_training.NEWS_WEIGHT})")
    if ced:
        roots = sum(not p.teaches_type for p in ced)
        TRAINED_ON["risk head"].append(f"risk_ced_labels.tsv: {len(ced) - roots} CED stream posts of other cascades, labelled by reading "
                                       "(AI helpers, GUIDE.md; never scored)")
        if roots:
            TRAINED_ON["risk head"].append(f"risk_ced_roots.tsv: {roots} roots of the 1,200's cascades, labelled by reading "
                                           "(AI helpers, GUIDE.md; never scored; in cross-validation only the folds "
                                           "scoring none of their cascade)")
        TRAINED_ON["type head"].insert(1, "risk_ced_labels.tsv risk posts")
    if extra:
        TRAINED_ON["risk head"].append(f"{len(extra)} corrections made in yuqing")
    extra = ced + extra
    meta: dict = {"trained_on": TRAINED_ON, "sentiment_version": shipped_model().version}
    if not args.no_cv:
        meta["cross_validated"] = risk_training.cross_validate(posts, weak, args.folds, log, extra, news)
        print(json.dumps(meta["cross_validated"], ensure_ascii=False), flush=True)
    elif (args.out / "risk.json").exists():
        meta["cross_validated"] = json.loads((args.out / "risk.json").read_text(encoding="utf-8")).get("cross_validated")
    meta["threshold"] = risk_training.choose_threshold(posts, extra=extra)
    model = risk_training.fit(posts + extra, weak, meta["threshold"], news)
    meta = save(model, args.out, meta)
    log(f"saved {args.out / 'risk.npz'}: {meta['features']} of {meta['features_before_pruning']} features, threshold {meta['threshold']}")


if __name__ == "__main__":
    main()
