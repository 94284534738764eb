"""Risk figures on the shared 1,200 labelled posts: 5-fold cross-validation, run here and now.

    python -m yuqing.analysis.evaluation.risk [DATA_ROOT]

The model is refitted on each fold exactly as scripts/train_risk.py fits the shipped one (grouped
by cascade, threshold from an inner cross-validation, weak lexicon-typed posts from other
cascades and CCF 2019 negative news, the labelled posts of the stream's other cascades
(risk_ced_labels.tsv) in every fold's training posts and the labelled roots of the 1,200's
cascades (risk_ced_roots.tsv) in the folds scoring none of their cascade, never scored, each post's sentiment score
from the shipped sentiment model as the pipeline computes it), and the char 1-3-gram LR baseline is trained and scored on the same folds. Also
printed: the shipped model's own scores on the 1,200 (in-sample: it was trained on them) and,
for comparison with what the issue measured, today's negative sentiment used as a risk flag.
Without scikit-learn (the `train` extra) the figures recorded when the shipped model was trained
are printed instead.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from yuqing.analysis.evaluation import data_root, risk_data, risk_extra
from yuqing.analysis.risk import shipped_risk_model
from yuqing.analysis.sentiment import classify_match_form, shipped_model


def evaluate(data_root: Path, folds: int = 5) -> dict[str, Any]:
    posts = risk_data.labelled(data_root)
    model = shipped_risk_model()
    report: dict[str, Any] = {"model_version": model.version, "threshold": model.threshold, "posts": len(posts),
                              "risk_posts": sum(p.risk for p in posts), "reads_sentiment": model.reads_sentiment,
                              "trained_with_sentiment_version": model.sentiment_version,
                              "sentiment_version": shipped_model().version}
    try:
        from yuqing.analysis.evaluation import risk_training
    except ImportError:
        report["cross_validated"] = model.meta.get("cross_validated")
        report["note"] = "scikit-learn is not installed: figures recorded at training time"
        return report
    ced = risk_extra.ced_labelled(data_root)
    weak = risk_data.weak_typed(data_root, {p.cascade for p in posts}, {p.text for p in ced})
    news = risk_data.weak_news(data_root)
    report["cross_validated"] = risk_training.cross_validate(posts, weak, folds, log=lambda m: print(m, file=sys.stderr),
                                                             extra=ced, news=news)
    results = risk_training.score_posts(model, posts)
    shipped = {"label": np.array([r.label for r in results]), "type": np.array(model.types([p.text for p in posts]), dtype=object)}
    report["shipped_in_sample"] = _summary(risk_training.scores(posts, shipped))
    negative = [label == "negative" for label, _ in classify_match_form([("", p.text) for p in posts], "weibo")]
    gold = np.array([p.risk for p in posts])
    report["negative_sentiment_as_risk_f1"] = round(risk_training.f1(gold, np.array(negative)), 4)
    return report


def _summary(scores: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in scores.items() if k != "confusion_gold_by_said"}


if __name__ == "__main__":
    root = data_root()
    print(json.dumps(evaluate(root), ensure_ascii=False, indent=1))
