"""The pieces scripts/train_sentiment.py is built from: n-gram matrices, logistic regression,
prior models folded into the heads, pruning and saving (int8: yuqing.analysis.sentiment_file).
Needs numpy and scipy (scikit-learn's).

Every (title, text) item becomes the row the shipped model computes (yuqing.analysis.sentiment_model):
for each of its groups (text; marked title), 1/sqrt(n) on each of the group's n distinct n-grams
that the vocabulary holds, from the same feature_groups function.
"""

from __future__ import annotations

import json
from array import array
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize
from scipy.special import logsumexp

from yuqing.analysis import sentiment_file
from yuqing.analysis.sentiment_features import TITLE_MARK, TITLE_MAX_CHARS, feature_groups
from yuqing.analysis.sentiment_model import LABELS, Item

LABEL_INDEX = {label: i for i, label in enumerate(LABELS)}
# Pruning: a news gram ranked n counts as n/2 against the weibo head's ranks (docs/model-card-sentiment.md).
RANK_SCALE = {"weibo": 1.0, "news": 0.5}


@dataclass
class Vocabulary:
    """gram → column; grows while `growing` (training), fixed afterwards."""

    columns: dict[str, int] = field(default_factory=dict)
    growing: bool = True

    def matrix(self, items: list[Item], max_chars: int) -> sp.csr_matrix:
        columns, indices, indptr = self.columns, array("q"), [0]
        values = array("d")
        for title, text in items:
            for grams in feature_groups(title, text, max_chars):
                before = len(indices)
                if self.growing:
                    indices.extend([columns.setdefault(gram, len(columns)) for gram in grams])
                else:
                    indices.extend([c for c in map(columns.get, grams) if c is not None])
                values.extend([1.0 / np.sqrt(len(grams) or 1)] * (len(indices) - before))
            indptr.append(len(indices))
        shape = (len(items), len(columns))
        # The groups are disjoint (title n-grams are marked), so no row holds a column twice.
        return sp.csr_matrix((np.frombuffer(values), np.frombuffer(indices, dtype=np.int64), np.array(indptr)), shape=shape)


@dataclass
class Linear:
    """logits = X @ weights + bias over `vocabulary` (weights: columns × 3)."""

    vocabulary: Vocabulary
    weights: np.ndarray
    bias: np.ndarray

    def logits(self, items: list[Item], max_chars: int) -> np.ndarray:
        self.vocabulary.growing = False
        return self.vocabulary.matrix(items, max_chars) @ self.weights + self.bias

    def polarity(self, items: list[Item], max_chars: int) -> np.ndarray:
        """positive − negative logit: what a prior model contributes to a head."""
        z = self.logits(items, max_chars)
        return z[:, 2] - z[:, 0]


def fit_logistic(x: sp.csr_matrix, labels: list[str], c: float, max_iter: int,
                 sample_weight: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression, L2 penalty 1/(2c) on the weights, by L-BFGS from zero."""
    n, d = x.shape
    k = len(LABELS)
    y = np.zeros((n, k))
    y[np.arange(n), [LABEL_INDEX[label] for label in labels]] = 1.0
    sw = np.ones(n) if sample_weight is None else sample_weight
    xt = x.T.tocsr()
    penalty = 1.0 / c

    def loss_and_gradient(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = flat[: d * k].reshape(d, k), flat[d * k :]
        z = x @ w + b
        norm = logsumexp(z, axis=1, keepdims=True)
        loss = float(sw @ (norm.ravel() - (z * y).sum(axis=1))) + 0.5 * penalty * float(np.vdot(w, w))
        g = (np.exp(z - norm) - y) * sw[:, None]
        return loss, np.concatenate([(xt @ g + penalty * w).ravel(), g.sum(axis=0)])

    result = minimize(loss_and_gradient, np.zeros(d * k + k), jac=True, method="L-BFGS-B",
                      options={"maxiter": max_iter, "gtol": 1e-6})
    return result.x[: d * k].reshape(d, k), result.x[d * k :]


def fit_linear(items: list[Item], labels: list[str], max_chars: int, c: float, max_iter: int) -> Linear:
    vocabulary = Vocabulary()
    weights, bias = fit_logistic(vocabulary.matrix(items, max_chars), labels, c, max_iter)
    vocabulary.growing = False
    return Linear(vocabulary, weights, bias)


def balanced_weights(labels: list[str]) -> np.ndarray:
    """Sample weights that give each class the same total weight (n / (classes · class count))."""
    counts = {label: labels.count(label) for label in set(labels)}
    return np.array([len(labels) / (len(counts) * counts[label]) for label in labels])


def fit_head(items: list[Item], labels: list[str], priors: list[Linear], max_chars: int,
             c: float, max_iter: int, prior_scale: float, balanced: bool = False) -> Linear:
    """A head over the n-grams plus each prior's polarity as more inputs, folded into one Linear.

    The priors (trained on other data: distant Weibo labels, reviews) are linear in the same rows,
    so head(x) = x·W + b + Σ_k v_k·s·(x·w_k + c_k) is again linear: W' = W + Σ_k s·w_k v_kᵀ.
    A prior reads an item's text and, where items have titles, its title as a second input.
    """
    vocabulary = Vocabulary()
    x = vocabulary.matrix(items, max_chars)
    vocabulary.growing = False
    parts = [("", [("", text) for _, text in items])]
    if any(title for title, _ in items):
        parts.append((TITLE_MARK, [("", title[:TITLE_MAX_CHARS]) for title, _ in items]))
    inputs = [(prefix, prior) for prefix, _ in parts for prior in priors]
    columns = [prior_scale * prior.polarity(part, max_chars) for _, part in parts for prior in priors]
    x_all = sp.hstack([x] + [sp.csr_matrix(col[:, None]) for col in columns]).tocsr()
    weights, bias = fit_logistic(x_all, labels, c, max_iter, balanced_weights(labels) if balanced else None)
    head = Linear(vocabulary, weights[: x.shape[1]], bias)
    for (prefix, prior), v in zip(inputs, weights[x.shape[1] :]):
        head = fold(head, prior, prior_scale * v, prefix)
    return head


def fold(head: Linear, prior: Linear, v: np.ndarray, prefix: str = "") -> Linear:
    """head + (prior polarity of the `prefix`-marked grams) ⊗ v, over the union of both vocabularies."""
    columns = dict(head.vocabulary.columns)
    prior_grams = [prefix + gram for gram in prior.vocabulary.columns]
    for gram in prior_grams:
        columns.setdefault(gram, len(columns))
    weights = np.zeros((len(columns), len(LABELS)))
    weights[: head.weights.shape[0]] = head.weights
    polarity = prior.weights[:, 2] - prior.weights[:, 0]
    rows = np.fromiter((columns[g] for g in prior_grams), dtype=np.int64, count=len(prior_grams))
    order = np.fromiter(prior.vocabulary.columns.values(), dtype=np.int64, count=len(rows))
    weights[rows] += np.outer(polarity[order], v)
    bias = head.bias + v * (prior.bias[2] - prior.bias[0])
    return Linear(Vocabulary(columns, growing=False), weights, bias)


def best_rank(strength: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """Per row of a (grams, heads) array: its best rank by strength within any column, each
    column's ranks multiplied by its `scale` (below 1 favours that head)."""
    ranks = np.empty(strength.shape)
    for column in range(strength.shape[1]):
        ranks[np.argsort(-strength[:, column], kind="stable"), column] = np.arange(len(strength)) * scale[column]
    return ranks.min(axis=1)


def save(path: Path, heads: dict[str, Linear], offsets: dict[str, np.ndarray], keep: int, meta: dict) -> dict:
    """Write sentiment.npz/.json: the `keep` grams that rank highest by weight within some head.

    Each gram's rank is its best rank over the heads (by its largest absolute weight in that head,
    times the head's RANK_SCALE), so the weibo head, whose weights are larger, does not crowd out
    the news head's strongest grams."""
    grams = sorted(set().union(*(h.vocabulary.columns for h in heads.values())))
    stacked = np.zeros((len(grams), len(heads), len(LABELS)))
    for i, head in enumerate(heads.values()):
        rows = [head.vocabulary.columns.get(g, -1) for g in grams]
        present = np.array([r >= 0 for r in rows])
        stacked[present, i] = head.weights[np.array(rows)[present]]
    scale = np.array([RANK_SCALE.get(name, 1.0) for name in heads])
    kept = np.sort(np.argsort(best_rank(np.abs(stacked).max(axis=2), scale), kind="stable")[:keep])
    kept_grams = [grams[i] for i in kept]
    bias = np.array([h.bias + offsets[name] for name, h in heads.items()])
    sentiment_file.write(path.with_suffix(".npz"), kept_grams, stacked[kept], bias)
    meta = {**meta, "version": sentiment_file.FORMAT, "heads": {name: i for i, name in enumerate(heads)},
            "grams": len(kept_grams), "grams_before_pruning": len(grams)}
    path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return meta
