"""Variants of the risk model scored on the grouped 5-fold cross-validation with several fold seeds.

    nice .venv/bin/python scripts/risk_experiments.py [--data ../shared/data] [--seeds 0 1 2]
                                                      [--risk base sentiment ...] [--type base no-lexicon-types ...]

An experiment bench (needs the `train` extra), not the trainer: scripts/train_risk.py fits and
scores the shipped model. Here the features of the 1,200 labelled posts and of the weak typed posts
are computed once (risk_training.Table), and each head is fitted as risk_training.fit fits it, on
the folds of risk_training with the fold seed s (the outer StratifiedGroupKFold and the inner
threshold folds alike; train_risk.py uses seed 0); scores are summed in float64 (the runtime sums
float32 weights: with seed 0 the base variant gives risk F1 0.788 here against train_risk.py's
0.790, one post at the threshold; type accuracy 0.781 in both).

Risk-head variants (risk F1; the type head is not refitted):
  base            the risk head without the sentiment score (mean of the LR's and the NB-SVM's
                  probabilities; shipped until issue 14's fourth round)
  sentiment       + the shipped sentiment model's weibo score P(positive) - P(negative) as one
                  more LR feature (the NB-SVM does not read it); shipped since, where the score
                  is rounded to 4 decimals as the sentiment stage writes it (Labelled.sentiment)
  sentiment-pn    + its P(negative) and P(positive) as two LR features
  news-0.1        + CCF 2019 news (negative: risk; positive, neutral: not) and the financial
                  negative-news set FinNSP (neg: risk; non_neg: not), title + text, 400 characters,
                  weight 0.1 times the gold posts' class weight, in every training set (inner too)
  thresholds-0.1  the threshold searched from 0.10 instead of 0.20
Type-head variants (type accuracy among gold risk posts):
  base                the shipped binary type head
  lexicon-counts      the lexicon's per-type features keep their value min(count, 3)/3
  lexicon-buckets     each per-type feature split in three (1, 2, 3+ terms)
  lexicon-majority    + one feature for the type most of the post's terms signal
  lexicon-x2          the lexicon's features (terms and types) at 2 instead of 1
  no-lexicon-types    without the per-type features
  no-lexicon          without any lexicon feature
  C4, C64             the type LR's C at 4 or 64 (16 shipped)
  weak-1.0            the weak lexicon-typed stream posts at weight 1 (0.3 shipped)
  class-sqrt          classes weighted by the square root of their inverse frequency (shipped: the inverse)
  class-none          classes not weighted
  lr+nb               the type LR's logits plus those of a one-vs-rest NB-SVM per type (C=4, the
                      risk NB-SVM's ratio of that type against the others): still one linear sum per type
  lr+mnb-0.25         the type LR's logits plus 0.25 × a multinomial naive Bayes' log-probabilities
                      (alpha 0.5, classes weighted to equal mass) over the same binary features
  ccf-weak-0.1, ccf-weak-0.3
                      + CCF 2019 negative news (title + text to 400 characters) holding at least two
                      distinct lexicon terms, typed by the lexicon as the stream's weak posts are, at
                      weight 0.1 or 0.3
  lr+mnb-0.25+ccf-weak-0.1, lr+nb+ccf-weak-0.1
                      both changes at once

Prints one JSON line per variant and seed, then per variant the mean, the standard deviation
over seeds and the mean difference from base on the same seeds (paired). docs/model-card-risk.md
lists what came out.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.naive_bayes import MultinomialNB

from yuqing.analysis.evaluation import risk_data, risk_training
from yuqing.analysis.risk_features import LEXICON_TERM, LEXICON_TYPE, TYPES, risk_text
from yuqing.analysis.sentiment_features import match_form

ROOT = Path(__file__).resolve().parents[1]
RISK_VARIANTS = ("base", "sentiment", "sentiment-pn", "news-0.1", "thresholds-0.1")
TYPE_VARIANTS = ("base", "lexicon-counts", "lexicon-buckets", "lexicon-majority", "lexicon-x2", "no-lexicon-types", "no-lexicon",
                 "C4", "C64", "weak-1.0", "class-sqrt", "class-none", "lr+nb", "lr+mnb-0.25", "ccf-weak-0.1", "ccf-weak-0.3",
                 "lr+mnb-0.25+ccf-weak-0.1", "lr+nb+ccf-weak-0.1")
FEATURE_VARIANTS = TYPE_VARIANTS[:7]  # the others change the model or the data, over the binary features


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


class Bench:
    def __init__(self, data: Path):
        self.data = data
        self.posts = risk_data.labelled(data)
        self.weak = risk_data.weak_typed(data, {p.cascade for p in self.posts})
        self.table = risk_training.Table({})
        x = self.table.matrix([p.text for p in self.posts] + [t for t, _ in self.weak], grow=True).tocsr()
        n = len(self.posts)
        self.x, self.x_weak = x[:n], x[n:]
        self.y = np.array([p.risk for p in self.posts])
        self.types = np.array([p.type for p in self.posts], dtype=object)
        self.groups = np.array([p.cascade for p in self.posts])
        columns = self.table.columns
        self.type_columns = np.array([columns[LEXICON_TYPE + k] for k in TYPES if LEXICON_TYPE + k in columns])
        self.term_columns = np.array([c for f, c in columns.items() if f.startswith(LEXICON_TERM)])

    # -- data for the variants ------------------------------------------------------------
    def sentiment(self) -> np.ndarray:
        from yuqing.analysis.sentiment import shipped_model
        return shipped_model().probabilities([("", p.text) for p in self.posts], "weibo")  # negative, neutral, positive

    def news(self) -> tuple[sp.csr_matrix, np.ndarray]:
        rows: list[tuple[str, int]] = []
        for name in ("train", "dev"):
            for line in (self.data / "sentiment" / "ccf2019_news" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
                r = json.loads(line)
                rows.append((risk_text(match_form(r.get("title") or ""), match_form(r.get("content") or "")), int(r["label"] == 2)))
        with gzip.open(self.data / "sentiment" / "extra" / "bbt_finnsp_ccf2019_fin_negative.jsonl.gz", "rt", encoding="utf-8") as lines:
            for line in lines:
                r = json.loads(line)
                rows.append((risk_text(match_form(r.get("title") or ""), match_form(r.get("text") or "")), int(r["label"] == "neg")))
        seen: set[str] = set()
        kept = [(t[:400], y) for t, y in rows if len(t) >= 15 and not (t[:400] in seen or seen.add(t[:400]))]
        return self.table.matrix([t for t, _ in kept], grow=False).tocsr(), np.array([y for _, y in kept])

    # -- the risk head ----------------------------------------------------------------------
    def risk_cv(self, seed: int, x: sp.csr_matrix, dense: int = 0, extra=None, extra_weight: float = 0.1,
                thresholds: np.ndarray = risk_training.THRESHOLDS) -> np.ndarray:
        """Held-out risk labels; the last `dense` columns of x are read by the LR only."""
        y, labels = self.y, np.zeros(len(self.y), int)

        def fitted(idx: np.ndarray):
            return RiskHead(x[idx], y[idx], dense, extra, extra_weight)

        for train, test in StratifiedGroupKFold(5, shuffle=True, random_state=seed).split(y, y, self.groups):
            inner = np.zeros(len(train))
            for a, b in StratifiedKFold(5, shuffle=True, random_state=seed).split(y[train], y[train]):
                inner[b] = fitted(train[a]).score(x[train[b]])
            threshold = max(thresholds, key=lambda t: risk_training.f1(y[train], inner >= t))
            labels[test] = fitted(train).score(x[test]) >= threshold
        return labels

    # -- the type head ----------------------------------------------------------------------
    def type_cv(self, seed: int, transform, head=None, weak_weight: float = risk_training.WEAK_WEIGHT,
                extra: tuple[sp.csr_matrix, list[str], float] | None = None) -> np.ndarray:
        """Held-out types; `head(x, kinds, weights)` gives a function from rows to per-type logits
        (default: the shipped LR); `extra` (rows, types, weight) joins the weak posts."""
        y, said = self.y, np.full(len(self.y), "none", dtype=object)
        head = head or type_lr()
        for train, test in StratifiedGroupKFold(5, shuffle=True, random_state=seed).split(y, y, self.groups):
            risky = train[y[train] == 1]
            x = sp.vstack([self.x[risky], self.x_weak] + ([extra[0]] if extra else [])).tocsr()
            kinds = list(self.types[risky]) + [k for _, k in self.weak] + (list(extra[1]) if extra else [])
            weights = np.array([1.0] * len(risky) + [weak_weight] * len(self.weak) + ([extra[2]] * len(extra[1]) if extra else []))
            logits = head(transform(x), kinds, weights)(transform(self.x[test]))
            said[test] = np.array(TYPES, dtype=object)[logits.argmax(axis=1)]
        return said

    def ccf_weak(self) -> tuple[sp.csr_matrix, list[str]]:
        """risk_data.weak_news (CCF 2019 negative news typed by the lexicon) over this table's columns
        (none added: unlike risk_training.fit, whose table also grows from the news)."""
        news = risk_data.weak_news(self.data)
        return self.table.matrix([t for t, _ in news], grow=False).tocsr(), [k for _, k in news]

    def type_transform(self, name: str):
        tc, lc = self.type_columns, self.term_columns

        def binary(x):
            return (x > 0).astype(np.float64).tocsr()

        def with_columns(x, columns, values):
            b = binary(x).tolil()
            b[:, columns] = values
            return b.tocsr()

        def buckets(x):
            v = x[:, tc].toarray()
            split = np.hstack([(np.abs(v - q / 3) < 1e-6).astype(float) for q in (1, 2, 3)])
            return sp.hstack([with_columns(x, tc, 0), sp.csr_matrix(split)]).tocsr()

        def majority(x):
            v = x[:, tc].toarray()
            top = np.zeros_like(v)
            has = v.max(axis=1) > 0
            top[np.flatnonzero(has), v[has].argmax(axis=1)] = 1
            return sp.hstack([binary(x), sp.csr_matrix(top)]).tocsr()

        return {
            "base": binary,
            "lexicon-counts": lambda x: with_columns(x, tc, x[:, tc].toarray()),
            "lexicon-buckets": buckets,
            "lexicon-majority": majority,
            "lexicon-x2": lambda x: with_columns(with_columns(x, tc, 2 * binary(x)[:, tc].toarray()), lc, 2 * binary(x)[:, lc].toarray()),
            "no-lexicon-types": lambda x: with_columns(x, tc, 0),
            "no-lexicon": lambda x: with_columns(with_columns(x, tc, 0), lc, 0),
        }[name]


def type_lr(c: float = risk_training.TYPE_C, class_weight="balanced"):
    """The shipped type head (multinomial LR), or with another C / class weighting; its logits per type."""
    def fitted(x, kinds, weights):
        kinds = np.asarray(kinds)
        chosen = class_weight
        if class_weight == "sqrt":
            mass = {k: weights[kinds == k].sum() for k in TYPES}
            chosen = {k: float(np.sqrt(sum(mass.values()) / (len(TYPES) * mass[k]))) for k in TYPES}
        model = LogisticRegression(C=c, max_iter=3000, class_weight=chosen).fit(x, kinds, sample_weight=weights)
        order = [list(model.classes_).index(k) for k in TYPES]
        return lambda z: model.decision_function(z)[:, order]
    return fitted


def type_nb_svm(x, kinds, weights):
    """One NB-SVM per type against the others (risk_training.nb_ratio, C=NB_C); logits per type."""
    kinds, models = np.asarray(kinds), []
    for kind in TYPES:
        target = (kinds == kind).astype(int)
        ratio = risk_training.nb_ratio(x, target)
        model = LogisticRegression(C=risk_training.NB_C, solver="liblinear", class_weight="balanced")
        models.append((ratio, model.fit(x @ sp.diags(ratio), target, sample_weight=weights)))
    return lambda z: np.column_stack([m.decision_function(z @ sp.diags(r)) for r, m in models])


def type_mnb(x, kinds, weights, alpha: float = 0.5):
    """Multinomial naive Bayes over the binary features, classes weighted to equal mass; log-probabilities."""
    kinds = np.asarray(kinds)
    mass = {k: weights[kinds == k].sum() for k in TYPES}
    balanced = weights * np.array([sum(mass.values()) / (len(TYPES) * mass[k]) for k in kinds])
    model = MultinomialNB(alpha=alpha).fit(x, kinds, sample_weight=balanced)
    order = [list(model.classes_).index(k) for k in TYPES]
    return lambda z: model.predict_log_proba(z)[:, order]


def summed(*heads, scales=None):
    """A head whose logits are the (scaled) sum of the heads' logits."""
    def fitted(x, kinds, weights):
        parts = [head(x, kinds, weights) for head in heads]
        return lambda z: sum(s * part(z) for s, part in zip(scales or [1.0] * len(parts), parts))
    return fitted


class RiskHead:
    """risk_training.fit's risk head (LR over the values + NB-SVM over the binary features, mean of
    their probabilities); `dense` last columns for the LR only; `extra` (x, y) weighted rows."""

    def __init__(self, x, y, dense: int, extra, extra_weight: float):
        self.dense = dense
        n, positives = len(y), y.sum()
        class_weight = np.array([n / (2 * (n - positives)), n / (2 * positives)])  # "balanced", from the gold posts
        weights = class_weight[y]
        binary = self._binary(x)
        if extra is not None:
            ex, ey = extra
            x = sp.vstack([x, ex]).tocsr()
            binary = sp.vstack([binary, self._binary(ex)]).tocsr()
            y = np.concatenate([y, ey])
            weights = np.concatenate([weights, extra_weight * class_weight[ey]])
        self.ratio = risk_training.nb_ratio(binary, y)  # (the extra rows' counts included, unweighted)
        self.lr = LogisticRegression(C=risk_training.RISK_C, solver="liblinear").fit(x, y, sample_weight=weights)
        self.nb = LogisticRegression(C=risk_training.NB_C, solver="liblinear").fit(binary @ sp.diags(self.ratio), y, sample_weight=weights)

    def _binary(self, x):
        b = (x > 0).astype(np.float64)
        return (b[:, : x.shape[1] - self.dense] if self.dense else b).tocsr()

    def score(self, x) -> np.ndarray:
        return 0.5 * sigmoid(self.lr.decision_function(x)) + 0.5 * sigmoid(self.nb.decision_function(self._binary(x) @ sp.diags(self.ratio)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--risk", nargs="*", default=["base", "sentiment"], choices=RISK_VARIANTS)
    parser.add_argument("--type", nargs="*", default=[], choices=TYPE_VARIANTS)
    args = parser.parse_args()
    bench = Bench(args.data)
    found: dict[str, dict[int, float]] = {}

    def record(variant: str, seed: int, value: float, started: float) -> None:
        found.setdefault(variant, {})[seed] = value
        print(json.dumps({"variant": variant, "seed": seed, "value": round(value, 4), "seconds": round(time.time() - started)}, ensure_ascii=False), flush=True)

    for variant in args.risk:
        x, dense, extra, thresholds = bench.x, 0, None, risk_training.THRESHOLDS
        if variant.startswith("sentiment"):
            p = bench.sentiment()
            columns = p[:, [2]] - p[:, [0]] if variant == "sentiment" else p[:, [0, 2]]
            x, dense = sp.hstack([bench.x, sp.csr_matrix(columns)]).tocsr(), columns.shape[1]
        elif variant == "news-0.1":
            extra = bench.news()
        elif variant == "thresholds-0.1":
            thresholds = np.round(np.arange(0.1, 0.71, 0.05), 2)
        for seed in args.seeds:
            started = time.time()
            record(f"risk:{variant}", seed, risk_training.f1(bench.y, bench.risk_cv(seed, x, dense, extra, thresholds=thresholds)), started)
    heads = {"C4": type_lr(4.0), "C64": type_lr(64.0), "class-sqrt": type_lr(class_weight="sqrt"),
             "class-none": type_lr(class_weight=None), "lr+nb": summed(type_lr(), type_nb_svm),
             "lr+mnb-0.25": summed(type_lr(), type_mnb, scales=[1.0, 0.25])}
    for variant in args.type:
        transform = bench.type_transform(variant if variant in FEATURE_VARIANTS else "base")
        head, news, news_weight = variant.rpartition("ccf-weak-") if "ccf-weak-" in variant else (variant, "", "")
        head = head.removesuffix("+")
        extra = (*bench.ccf_weak(), float(news_weight)) if news else None
        weak_weight = 1.0 if variant == "weak-1.0" else risk_training.WEAK_WEIGHT
        for seed in args.seeds:
            started = time.time()
            said = bench.type_cv(seed, transform, heads.get(head), weak_weight, extra)
            record(f"type:{variant}", seed, float(np.mean(said[bench.y == 1] == bench.types[bench.y == 1])), started)
    for variant, values in found.items():
        key = variant.split(":")[0] + ":base"
        base = found.get(key, {})
        v = np.array([values[s] for s in args.seeds])
        summary = {"variant": variant, "mean": round(float(v.mean()), 4), "sd": round(float(v.std(ddof=1)) if len(v) > 1 else 0.0, 4)}
        if variant != key and base and all(s in base for s in args.seeds):
            d = v - np.array([base[s] for s in args.seeds])
            summary |= {"minus_base_mean": round(float(d.mean()), 4), "minus_base_sd": round(float(d.std(ddof=1)) if len(d) > 1 else 0.0, 4)}
        print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()
