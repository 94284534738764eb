"""Fitting and cross-validating the risk model (scripts/train_risk.py and `yuqing eval` use this).

Needs scikit-learn (the `train` extra). Two heads over one feature table (risk_features):
- risk: the mean of three probabilities, all from models fitted on the labelled posts (classes
  weighted equally): a logistic regression (L2, C=RISK_C) over the features as they are and the
  post's sentiment score (risk_features.SENTIMENT, Labelled.sentiment: the sentiment stage's, as
  the risk stage reads it at run time), an
  NB-SVM (Wang & Manning 2012; logistic regression, C=NB_C, over the binary features scaled by
  their naive-Bayes log-count ratio, smoothing NB_ALPHA) whose weights are stored multiplied by
  that ratio, so that the runtime sums them over the features present, and the same NB-SVM over
  the post's words and adjacent word pairs (risk_features.word_features; issue 14's tenth round);
- type: multinomial logistic regression (C=TYPE_C, classes weighted by their inverse frequency:
  社会安全 and 其他 outnumber the three others several times over) over the *binary* features (1
  where a feature is present: an n-gram weighs the same in a long post as in a short one) on the
  labelled risk posts plus the weak lexicon-typed stream posts (risk_data.weak_typed) at weight
  WEAK_WEIGHT and the weak lexicon-typed CCF 2019 negative news (risk_data.weak_news) at NEWS_WEIGHT.
The threshold is chosen by an inner cross-validation over the training posts only (best F1 of
THRESHOLDS), so that the outer folds' scores are honest held-out figures.

The baseline is the one the issue names: a TF-IDF character 1-3-gram logistic regression trained
on the labelled posts alone (C=BASELINE_C, the best of 4/16/64 on these folds), one for risk and
one for type, threshold 0.5.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from yuqing.analysis.evaluation.risk_data import Labelled, outside
from yuqing.analysis.risk_features import SENTIMENT, TYPES, risk_features, word_features
from yuqing.analysis.risk_model import RiskModel, RiskResult

RISK_C, TYPE_C, BASELINE_C = 16.0, 16.0, 64.0
NB_C, NB_ALPHA = 4.0, 1.0
WEAK_WEIGHT = 0.3
NEWS_WEIGHT = 0.1
THRESHOLDS = np.round(np.arange(0.2, 0.71, 0.05), 2)
SEED = 0


def word_values(text: str) -> dict[str, float]:
    """The word features of a text, each of value 1 (the word NB-SVM reads their presence)."""
    return dict.fromkeys(word_features(text), 1.0)


@dataclass
class Table:
    """feature → column, grown while fitting; `featurize` gives a text's features and values."""

    columns: dict[str, int]
    featurize: Callable[[str], dict[str, float]] = risk_features

    def matrix(self, texts: list[str], grow: bool) -> sp.csr_matrix:
        indices, values, indptr = [], [], [0]
        for text in texts:
            for feature, value in self.featurize(text).items():
                column = self.columns.setdefault(feature, len(self.columns)) if grow else self.columns.get(feature)
                if column is not None:
                    indices.append(column)
                    values.append(value)
            indptr.append(len(indices))
        return sp.csr_matrix((values, indices, indptr), shape=(len(texts), len(self.columns)))


def fit(posts: list[Labelled], weak: list[tuple[str, str]], threshold: float,
        news: list[tuple[str, str]] = ()) -> RiskModel:
    """A RiskModel from labelled posts and weak typed texts (stream posts; news, weighing less)."""
    table = Table({})
    x = table.matrix([p.text for p in posts] + [t for t, _ in weak] + [t for t, _ in news], grow=True)
    gold = x[: len(posts)]
    labels = np.array([p.risk for p in posts])
    with_sentiment = sp.hstack([gold, sp.csr_matrix(np.array([[p.sentiment] for p in posts]))]).tocsr()
    risk = LogisticRegression(C=RISK_C, solver="liblinear", class_weight="balanced").fit(with_sentiment, labels)
    nb_weights, nb_bias = nb_svm(gold, labels)  # (the NB-SVM and the type head read the text's features only)
    word_table = Table({}, word_values)
    word_weights, word_bias = nb_svm(word_table.matrix([p.text for p in posts], grow=True), labels)
    typed = [i for i, p in enumerate(posts) if p.risk and p.teaches_type]
    kinds = [posts[i].type for i in typed] + [k for _, k in weak] + [k for _, k in news]
    weights = np.array([1.0] * len(typed) + [WEAK_WEIGHT] * len(weak) + [NEWS_WEIGHT] * len(news))
    typed += range(len(posts), x.shape[0])
    binary = (x[typed] > 0).astype(np.float64)
    type_model = LogisticRegression(C=TYPE_C, max_iter=2000, class_weight="balanced").fit(binary, kinds, sample_weight=weights)
    order = [list(type_model.classes_).index(kind) for kind in TYPES]
    n = x.shape[1]
    w = np.zeros((n + 2 + len(word_weights), 3 + len(TYPES)))  # row 0, the text's features, SENTIMENT, the words
    w[1 : n + 2, 0] = risk.coef_[0]
    w[1 : n + 1, 1] = nb_weights
    w[n + 2 :, 2] = word_weights
    w[1 : n + 1, 3:] = type_model.coef_[order].T
    bias = np.concatenate([risk.intercept_, [nb_bias, word_bias], type_model.intercept_[order]])
    features = sorted(table.columns, key=table.columns.get) + [SENTIMENT] + sorted(word_table.columns, key=word_table.columns.get)
    return RiskModel(features, w, bias, {"threshold": threshold})


def nb_svm(x: sp.csr_matrix, labels: np.ndarray) -> tuple[np.ndarray, float]:
    """NB-SVM over the binary form of `x`: weights per feature (the ratio times the LR's coefficient), bias."""
    binary = (x > 0).astype(np.float64).tocsr()
    ratio = nb_ratio(binary, labels)
    model = LogisticRegression(C=NB_C, solver="liblinear", class_weight="balanced")
    model.fit(binary @ sp.diags(ratio), labels)
    return model.coef_[0] * ratio, float(model.intercept_[0])


def nb_ratio(binary: sp.csr_matrix, labels: np.ndarray, alpha: float = NB_ALPHA) -> np.ndarray:
    """log(p / |p|) - log(q / |q|): p, q the smoothed feature counts of the risk and other posts."""
    p = alpha + np.asarray(binary[labels == 1].sum(axis=0)).ravel()
    q = alpha + np.asarray(binary[labels == 0].sum(axis=0)).ravel()
    return np.log(p / p.sum()) - np.log(q / q.sum())


def choose_threshold(posts: list[Labelled], folds: int = 5, extra: list[Labelled] = ()) -> float:
    """Best-F1 threshold of the risk head over an inner cross-validation of `posts`; `extra` posts
    join the inner training sets that score none of their cascade and are never scored, so the
    threshold suits posts drawn as the 1,200 are (extra posts such as the stream's labelled
    comments hold fewer risk posts)."""
    scores = np.zeros(len(posts))
    labels = np.array([p.risk for p in posts])
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(labels, labels):
        model = fit([posts[i] for i in train] + outside(extra, [posts[i] for i in test]), [], 0.5)
        scores[test] = [r.score for r in score_posts(model, [posts[i] for i in test])]
    return float(max(THRESHOLDS, key=lambda t: f1(labels, scores >= t)))


def score_posts(model: RiskModel, posts: list[Labelled]) -> list[RiskResult]:
    """The model's RiskResult per post, as the risk stage scores it (text and sentiment score)."""
    return model.score([p.text for p in posts], sentiments=[p.sentiment for p in posts])


def outer_folds(posts: list[Labelled], folds: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    labels = [p.risk for p in posts]
    groups = [p.cascade for p in posts]
    return list(StratifiedGroupKFold(folds, shuffle=True, random_state=SEED).split(labels, labels, groups))


def cross_validate(posts: list[Labelled], weak: list[tuple[str, str]], folds: int = 5, log=print,
                   extra: list[Labelled] = (), news: list[tuple[str, str]] = ()) -> dict:
    """Held-out labels and types of the model and of the baseline, on the same grouped folds.

    `extra` (labelled stream posts, people's corrections) joins the training posts of every fold
    that scores none of its cascade and is never scored; the baseline, the issue's, learns from
    the folds' posts alone."""
    ours = {"label": np.zeros(len(posts), int), "type": np.full(len(posts), "none", dtype=object), "thresholds": []}
    base = {"label": np.zeros(len(posts), int), "type": np.full(len(posts), "none", dtype=object)}
    for number, (train, test) in enumerate(outer_folds(posts, folds), 1):
        fold_posts = [posts[i] for i in train]
        fold_extra = outside(extra, [posts[i] for i in test])
        threshold = choose_threshold(fold_posts, extra=fold_extra)
        model = fit(fold_posts + fold_extra, weak, threshold, news)
        results = score_posts(model, [posts[i] for i in test])
        ours["label"][test] = [r.label for r in results]
        ours["type"][test] = model.types([posts[i].text for i in test])
        ours["thresholds"].append(threshold)
        base["label"][test], base["type"][test] = baseline(fold_posts, [posts[i].text for i in test])
        log(f"fold {number}/{folds}: threshold {threshold}")
    return {"model": scores(posts, ours), "baseline": scores(posts, base), "thresholds": ours["thresholds"]}


def baseline(training: list[Labelled], texts: list[str]) -> tuple[list[int], list[str]]:
    def fitted(items: list[Labelled], labels: list) -> object:
        vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
        model = LogisticRegression(C=BASELINE_C, max_iter=3000)
        return model.fit(vectorizer.fit_transform([p.text for p in items]), labels), vectorizer
    risk, v1 = fitted(training, [p.risk for p in training])
    risky = [p for p in training if p.risk]
    kind, v2 = fitted(risky, [p.type for p in risky])
    return list(risk.predict(v1.transform(texts))), list(kind.predict(v2.transform(texts)))


def f1(gold: np.ndarray, said: np.ndarray) -> float:
    true_positives = float(np.sum(gold.astype(bool) & said.astype(bool)))
    return 2 * true_positives / max(float(gold.sum() + said.sum()), 1.0)


def scores(posts: list[Labelled], predicted: dict) -> dict:
    """Risk F1/precision/recall; type accuracy over gold risk posts; confusion gold × said."""
    gold = np.array([p.risk for p in posts])
    said = np.asarray(predicted["label"])
    hits = float(np.sum(gold & said))
    risky = gold == 1
    gold_types = np.array([p.type for p in posts], dtype=object)
    shown = np.where(said == 1, predicted["type"], "none")
    names = [*TYPES, "none"]
    confusion = {g: {s: int(np.sum((gold_types == g) & (shown == s))) for s in names} for g in names}
    return {"risk_f1": round(f1(gold, said), 4), "risk_precision": round(hits / max(said.sum(), 1), 4),
            "risk_recall": round(hits / max(gold.sum(), 1), 4),
            "type_accuracy_among_risk": round(float(np.mean(predicted["type"][risky] == gold_types[risky])), 4),
            "confusion_gold_by_said": confusion}
