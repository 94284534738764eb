"""Recalibrating the weibo head on its cross-validated logits (issue 14); also a command.

    PYTHONPATH=src:scripts python scripts/sentiment_recalibration.py HELD_OUT.npz [--model-dir DIR]

The weibo head's three logits z are mapped to A·z + c, a multinomial logistic regression (C=1)
fitted on the held-out logits of the cross-validation (train_sentiment.py --held-out), and then
a negative-class offset is chosen, as before, for the best mean negative-vs-not F1 of the two SMP
sets. A is about a scaled identity with a neutral bias: it lets the classes' biases and the
logits' scale move together, where the offset alone moved one bias. Both are linear, so they fold
into the head's weights (W·Aᵀ) and bias: the shipped file keeps its form and size.

Scored nested: for each fold, A, c and the offset are fitted on the other folds' held-out logits
and applied to it, so the figures are held-out for the recalibration too (the offset alone, chosen
the same way, gives them beside it).

As a command it applies the recalibration fitted on HELD_OUT.npz to the weibo head of the model in
DIR (its bias less the offset stored with it) and records the nested figures in sentiment.json.
The logits must come from a cross-validation of the same training setup as that model.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from yuqing.analysis import sentiment_file
from yuqing.analysis.evaluation.sentiment import smp_scores
from yuqing.analysis.sentiment_model import LABELS, MODEL_DIR

C = 1.0
OFFSETS = np.arange(-1.0, 0.01, 0.125)


def scores(logits: np.ndarray, evals: list) -> dict[str, float]:
    return smp_scores(evals, [LABELS[i] for i in logits.argmax(axis=1)])


def mean_negative(logits: np.ndarray, evals: list) -> float:
    s = scores(logits, evals)
    return (s["smp_usual_eval_negative_f1"] + s["smp_virus_eval_negative_f1"]) / 2


def fit(logits: np.ndarray, evals: list, recalibrate: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """(A, c) with the chosen offset in c: logits → logits @ A.T + c."""
    a, c = np.eye(3), np.zeros(3)
    if recalibrate:
        model = LogisticRegression(C=C, max_iter=1000).fit(logits, [LABELS.index(label) for _, label, _ in evals])
        a, c = model.coef_, model.intercept_.copy()
    mapped = logits @ a.T + c
    c[0] += max(OFFSETS, key=lambda o: mean_negative(mapped + [o, 0, 0], evals))
    return a, c


def nested(logits: np.ndarray, evals: list, fold: np.ndarray, recalibrate: bool = True) -> dict[str, float]:
    """Scores with A, c and the offset fitted for each fold on the others' held-out logits."""
    out = np.zeros_like(logits)
    for k in np.unique(fold):
        train = np.flatnonzero(fold != k)
        a, c = fit(logits[train], [evals[i] for i in train], recalibrate)
        out[fold == k] = logits[fold == k] @ a.T + c
    return scores(out, evals)


def report(logits: np.ndarray, evals: list, fold: np.ndarray) -> dict:
    """What train_sentiment.py records: nested scores, the fitted map, and the offset-only figures."""
    a, c = fit(logits, evals)
    return {**nested(logits, evals, fold), "weibo_recalibration": {"matrix": a.round(6).tolist(), "bias": c.round(6).tolist()},
            "weibo_scores_offset_only_nested": nested(logits, evals, fold, recalibrate=False)}


def read_held_out(path: Path) -> tuple[np.ndarray, list, np.ndarray]:
    d = np.load(path)
    evals = [(("", str(t)), str(label), str(name)) for t, label, name in zip(d["text"], d["label"], d["set"])]
    return d["logits"], evals, d["fold"]


def apply_to_head(head, recalibration: dict):
    """The weibo head (a sentiment_training.Linear) with the recalibration folded in."""
    a, c = (np.array(recalibration[k]) for k in ("matrix", "bias"))
    return type(head)(head.vocabulary, head.weights @ a.T, a @ head.bias + c)


def apply_to_file(directory: Path, held_out: Path) -> dict:
    """Fold the recalibration into the weibo head of sentiment.npz/.json in `directory`."""
    logits, evals, fold = read_held_out(held_out)
    found = report(logits, evals, fold)
    a, c = (np.array(found["weibo_recalibration"][k]) for k in ("matrix", "bias"))
    meta_path = directory / "sentiment.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    grams, weights, bias = sentiment_file.read(directory / "sentiment.npz")
    weights, bias = weights[1:].astype(np.float64), bias.astype(np.float64)
    head = meta["heads"]["weibo"]
    old = meta["dev_scores"]
    plain_bias = bias[head] - [old.get("weibo_negative_offset", 0.0), 0.0, 0.0]
    weights[:, head, :] = weights[:, head, :] @ a.T
    bias[head] = a @ plain_bias + c
    sentiment_file.write(directory / "sentiment.npz", grams, weights, bias)
    before = {k: v for k, v in old.items() if k.startswith("smp_") or k == "weibo_negative_offset"}
    rest = {k: v for k, v in old.items() if k != "weibo_negative_offset"}
    meta["dev_scores"] = {**rest, **found, "weibo_scores_before_recalibration": before}
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return meta["dev_scores"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("held_out", type=Path, help="the --held-out file of train_sentiment.py")
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    args = parser.parse_args()
    print(json.dumps(apply_to_file(args.model_dir, args.held_out), ensure_ascii=False))


if __name__ == "__main__":
    main()
