"""Dev-set scores of the shipped sentiment model.

    python -m yuqing.analysis.evaluation.sentiment [DATA_ROOT]

Scores: SMP2020-EWECT usual_eval and virus_eval as negative (angry, sad, fear) vs not, macro-F1
over the two classes, as the SMP sets are usually scored; CCF 2019 dev as 3-class macro-F1;
CLUE as negative vs not. `seen_in_training` says which sets trained the shipped model: its
scores there are in-sample and say little. The honest Weibo numbers are the held-out folds of
scripts/train_sentiment.py, kept in the model's metadata and repeated here as `cross_validated`,
beside the char n-gram LR baseline's scores on the same folds and sets (`baseline`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from yuqing.analysis.evaluation import data_root
from yuqing.analysis.evaluation import sentiment_data as data
from yuqing.analysis.sentiment import classify, shipped_model


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Unweighted mean of per-class F1 over the classes present in gold or predictions."""
    gold, predicted = list(gold), list(predicted)
    scores = []
    for c in sorted(set(gold) | set(predicted)):
        true_positives = sum(1 for g, p in zip(gold, predicted) if g == c == p)
        scores.append(2 * true_positives / (gold.count(c) + predicted.count(c)))
    return round(sum(scores) / len(scores), 4) if scores else 0.0


def negative_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Macro-F1 of negative vs everything else."""
    return macro_f1([str(g == "negative") for g in gold], [str(p == "negative") for p in predicted])


def smp_scores(evals: Sequence[tuple[Any, str, str]], predicted: Sequence[str]) -> dict[str, float]:
    """Negative-vs-not and 3-class macro-F1 per SMP set, for (item, label, set name) triples."""
    scores = {}
    for name in ("usual_eval", "virus_eval"):
        gold = [label for _, label, n in evals if n == name]
        mine = [p for p, (_, _, n) in zip(predicted, evals) if n == name]
        scores[f"smp_{name}_negative_f1"] = negative_f1(gold, mine)
        scores[f"smp_{name}_macro_f1_3class"] = macro_f1(gold, mine)
    return scores


def evaluate(data_root: Path) -> dict[str, Any]:
    """Scores of the shipped model on the dev sets, each with whether it was seen in training."""
    weibo = {
        "smp_usual_eval": (data.smp(data_root, "usual_eval"), True),
        "smp_virus_eval": (data.smp(data_root, "virus_eval"), True),
        "clue_valid": (data.clue(data_root), True),
    }
    sets: dict[str, Any] = {}
    for name, (pairs, seen) in weibo.items():
        gold = [label for _, label in pairs]
        predicted = [label for label, _ in classify([text for text, _ in pairs], "weibo")]
        sets[name] = {"negative_f1": negative_f1(gold, predicted), "macro_f1_3class": macro_f1(gold, predicted),
                      "posts": len(pairs), "seen_in_training": seen}
    news = data.ccf(data_root, "dev")
    predicted = [label for label, _ in classify([body for _, body, _ in news], "news", titles=[title for title, _, _ in news])]
    sets["ccf_dev"] = {"macro_f1_3class": macro_f1([label for _, _, label in news], predicted),
                       "items": len(news), "seen_in_training": False}
    meta = shipped_model().meta
    return {"model_version": shipped_model().version, "sets": sets, "cross_validated": meta.get("dev_scores", {}),
            "baseline": meta.get("baseline_dev_scores", {})}


if __name__ == "__main__":
    root = data_root()
    print(json.dumps(evaluate(root), ensure_ascii=False, indent=1))
