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
  sentiment-both  as sentiment, and the NB-SVM reads the score too (one more column, not scaled
                  by a ratio)
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
Issue 14's sixth round (all with ccf-weak-0.1, the shipped training; compare with ccf-weak-0.1):
  lr+mnb-posts-0.25   lr+mnb-0.25 with the naive Bayes fitted on the gold and weak stream posts only
                      (not the news, whose long texts outweigh the posts in its counts)
  class-mass          classes weighted by the inverse of their summed sample weight (not row count)
  prior               the LR's logits + the log of each type's share of the training folds' gold
                      risk posts (the balanced weights fit a uniform prior)
  weak-agree          weak rows kept only where a type LR fitted on the gold rows alone types them
                      as the lexicon does
  weak-relabel        every weak row typed by that gold-only LR instead of the lexicon
  words               + the segment stage's words (stop words removed) and adjacent word pairs,
                      binary, beside the n-grams (the stage runs before risk in the pipeline)
  weibo-weak-0.3      + the Weibo posts of sentiment/extra's weibo_senti_100k and NLPCC 2013-14 sets
                      (the 1,200's years; 1,670 with two or more lexicon terms once the labelled
                      and weak stream texts are left out), typed by the lexicon, at that weight

Prints one JSON line per variant and seed, then per variant the mean, the standard deviation
over seeds and the mean difference from base (from ccf-weak-0.1 for a +ccf-weak-0.1 variant, when
it was run) on the same seeds (paired). docs/model-card-risk.md
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
RISK_VARIANTS = ("base", "sentiment", "sentiment-pn", "news-0.1", "thresholds-0.1", "sentiment-both")
TYPE_VARIANTS = ("base", "lexicon-counts", "lexicon-buckets", "lexicon-majority", "lexicon-x2", "no-lexicon-types", "no-lexicon",
                 "C4", "C64", "weak-1.0", "class-sqrt", "class-none", "lr+nb", "lr+mnb-0.25", "ccf-weak-0.1", "ccf-weak-0.3",
                 "lr+mnb-0.25+ccf-weak-0.1", "lr+nb+ccf-weak-0.1", "class-mass+ccf-weak-0.1", "lr+mnb-posts-0.25+ccf-weak-0.1",
                 "weibo-weak-0.3+ccf-weak-0.1", "prior+ccf-weak-0.1", "weak-agree+ccf-weak-0.1", "weak-relabel+ccf-weak-0.1",
                 "words+ccf-weak-0.1")
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
                thresholds: np.ndarray = risk_training.THRESHOLDS, nb_dense: bool = False) -> np.ndarray:
        """Held-out risk labels; the last `dense` columns of x are read by the LR only (by the
        NB-SVM too, unscaled by the ratio, with nb_dense)."""
        y, labels = self.y, np.zeros(len(self.y), int)

        def fitted(idx: np.ndarray):
            return RiskHead(x[idx], y[idx], dense, extra, extra_weight, nb_dense)

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
            weights = np.concatenate([[1.0] * len(risky), [weak_weight] * len(self.weak),
                                      (np.broadcast_to(extra[2], len(extra[1])) if extra else [])])
            logits = head(transform(x), kinds, weights)(transform(self.x[test]))
            said[test] = np.array(TYPES, dtype=object)[logits.argmax(axis=1)]
        return said

    def ccf_weak(self) -> tuple[sp.csr_matrix, list[str]]:
        """risk_data.weak_news (CCF 2019 negative news typed by the lexicon) over this table's columns
        (none added: unlike risk_training.fit, whose table also grows from the news)."""
        news = risk_data.weak_news(self.data)
        return self.table.matrix([t for t, _ in news], grow=False).tocsr(), [k for _, k in news]

    def weibo_weak(self) -> tuple[sp.csr_matrix, list[str]]:
        """weak_weibo (lexicon-typed Weibo posts of the sentiment sets) over this table's columns."""
        weibo = weak_weibo(self.data, {p.text for p in self.posts} | {t for t, _ in self.weak})
        print(json.dumps({"weibo_weak": len(weibo)}), file=sys.stderr, flush=True)
        return self.table.matrix([t for t, _ in weibo], grow=False).tocsr(), [k for _, k in weibo]

    def with_words(self, news: sp.csr_matrix | None) -> tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix | None]:
        """The gold, weak (and news) rows with word features beside the n-grams: the segment stage's
        words (stop words removed) of each text, unigrams and adjacent pairs, a column per word seen."""
        from yuqing.analysis.segment import Segmenter

        segmenter, columns = Segmenter(), {}

        def rows(texts: list[str]) -> sp.csr_matrix:
            indices, indptr = [], [0]
            for text in texts:
                words = segmenter.tokenize(text)
                grams = set(words) | {a + "\ue004" + b for a, b in zip(words, words[1:])}
                indices += sorted({columns.setdefault(g, len(columns)) for g in grams})
                indptr.append(len(indices))
            return sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(texts), 1 << 22))

        texts = [p.text for p in self.posts]
        gold, weak = rows(texts), rows([t for t, _ in self.weak])
        news_rows = rows([t for t, _ in risk_data.weak_news(self.data)]) if news is not None else None
        width = len(columns)

        def joined(x, w):
            return sp.hstack([x, w[:, :width]]).tocsr()
        return joined(self.x, gold), joined(self.x_weak, weak), (joined(news, news_rows) if news is not None else None)

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


WEIBO_SETS = ("weibo_senti_100k_partial", "nlpcc2013_2014_weibo_emotion_weibos")  # Weibo posts of the 1,200's years


def weak_weibo(root: Path, exclude_texts: set[str], sets: tuple[str, ...] = WEIBO_SETS) -> list[tuple[str, str]]:
    """(text in match form, lexicon type) for distinct Weibo posts of the sentiment sets (sentiment/extra;
    their sentiment labels unused) typed by risk_data.lexicon_type as the stream's weak posts are,
    leaving out any text in `exclude_texts` (the labelled posts' and the stream's weak posts')."""
    seen, out = set(exclude_texts), []
    for name in sets:
        with gzip.open(root / "sentiment" / "extra" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as lines:
            for line in lines:
                text = match_form(json.loads(line).get("text") or "")
                if len(text) < risk_data.WEAK_MIN_CHARS or text in seen:
                    continue
                seen.add(text)
                kind = risk_data.lexicon_type(text)
                if kind:
                    out.append((text, kind))
    return out


def type_lr(c: float = risk_training.TYPE_C, class_weight="balanced"):
    """The shipped type head (multinomial LR), or with another C / class weighting; its logits per type."""
    def fitted(x, kinds, weights):
        kinds = np.asarray(kinds)
        chosen = class_weight
        if class_weight == "sqrt":
            mass = {k: weights[kinds == k].sum() for k in TYPES}
            chosen = {k: float(np.sqrt(sum(mass.values()) / (len(TYPES) * mass[k]))) for k in TYPES}
        elif class_weight == "mass":  # balanced by each class's summed sample weight (weak rows weigh less)
            mass = {k: weights[kinds == k].sum() for k in TYPES}
            chosen = {k: float(sum(mass.values()) / (len(TYPES) * mass[k])) for k in TYPES}
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


def type_mnb(x, kinds, weights, alpha: float = 0.5, rows: str = "all"):
    """Multinomial naive Bayes over the binary features, classes weighted to equal mass; log-probabilities.

    rows="posts": fitted on the rows of weight 0.3 or more only (gold and weak stream posts, not the
    news, whose long texts would outweigh them)."""
    kinds = np.asarray(kinds)
    if rows == "posts":
        keep = weights >= risk_training.WEAK_WEIGHT
        x, kinds, weights = x[keep], kinds[keep], weights[keep]
    mass = {k: weights[kinds == k].sum() for k in TYPES}
    balanced = weights * np.array([sum(mass.values()) / (len(TYPES) * mass[k]) for k in kinds])
    model = MultinomialNB(alpha=alpha).fit(x, kinds, sample_weight=balanced)
    order = [list(model.classes_).index(k) for k in TYPES]
    return lambda z: model.predict_log_proba(z)[:, order]


def prior_corrected(head):
    """`head`'s logits plus the log of each type's share of the gold rows (weight 1) of the training
    set: the balanced class weights fit a uniform prior; this turns the logits back toward the
    posterior under the labelled posts' own prior (no knob: computed from the training folds)."""
    def fitted(x, kinds, weights):
        gold = np.asarray(kinds)[weights == 1.0]
        log_prior = np.log(np.array([max(np.sum(gold == k), 1) for k in TYPES]) / len(gold))
        part = head(x, kinds, weights)
        return lambda z: part(z) + log_prior
    return fitted


def weak_checked(relabel: bool = False):
    """The type LR on the gold rows (weight 1) plus the weak rows that a type LR fitted on those
    gold rows alone types as the lexicon does (relabel: every weak row, typed by that LR instead)."""
    def fitted(x, kinds, weights):
        kinds = np.asarray(kinds, dtype=object)
        gold = weights == 1.0
        said = np.array(TYPES, dtype=object)[type_lr()(x[gold], kinds[gold], weights[gold])(x).argmax(axis=1)]
        if relabel:
            return type_lr()(x, np.where(gold, kinds, said), weights)
        keep = gold | (said == kinds)
        print(json.dumps({"weak_kept": int(keep.sum() - gold.sum()), "weak": int((~gold).sum())}), file=sys.stderr, flush=True)
        return type_lr()(x[keep], kinds[keep], weights[keep])
    return fitted


def summed(*heads, scales=None):
    """A head whose logits are the (scaled) sum of the heads' logits."""
    def fitted(x, kinds, weights):
        parts = [head(x, kinds, weights) for head in heads]
        return lambda z: sum(s * part(z) for s, part in zip(scales or [1.0] * len(parts), parts))
    return fitted


class RiskHead:
    """risk_training.fit's risk head (LR over the values + NB-SVM over the binary features, mean of
    their probabilities); `dense` last columns for the LR only; `extra` (x, y) weighted rows."""

    def __init__(self, x, y, dense: int, extra, extra_weight: float, nb_dense: bool = False):
        self.dense, self.nb_dense = dense, nb_dense
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
        self.nb = LogisticRegression(C=risk_training.NB_C, solver="liblinear").fit(self._nb_rows(x, binary), y, sample_weight=weights)

    def _nb_rows(self, x, binary):
        scaled = binary @ sp.diags(self.ratio)
        return sp.hstack([scaled, x[:, x.shape[1] - self.dense :]]).tocsr() if self.nb_dense and self.dense else scaled

    def _binary(self, x):
        b = (x > 0).astype(np.float64)
        return (b[:, : x.shape[1] - self.dense] if self.dense else b).tocsr()

    def score(self, x) -> np.ndarray:
        return 0.5 * sigmoid(self.lr.decision_function(x)) + 0.5 * sigmoid(self.nb.decision_function(self._nb_rows(x, self._binary(x))))


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
            columns = p[:, [2]] - p[:, [0]] if variant in ("sentiment", "sentiment-both") else p[:, [0, 2]]
            x, dense = sp.hstack([bench.x, sp.csr_matrix(columns)]).tocsr(), columns.shape[1]
        elif variant == "news-0.1":
            extra = bench.news()
        elif variant == "thresholds-0.1":
            thresholds = np.round(np.arange(0.1, 0.71, 0.05), 2)
        for seed in args.seeds:
            started = time.time()
            labels = bench.risk_cv(seed, x, dense, extra, thresholds=thresholds, nb_dense=variant == "sentiment-both")
            record(f"risk:{variant}", seed, risk_training.f1(bench.y, labels), started)
    heads = {"C4": type_lr(4.0), "C64": type_lr(64.0), "class-sqrt": type_lr(class_weight="sqrt"),
             "class-none": type_lr(class_weight=None), "lr+nb": summed(type_lr(), type_nb_svm),
             "lr+mnb-0.25": summed(type_lr(), type_mnb, scales=[1.0, 0.25]),
             "class-mass": type_lr(class_weight="mass"),
             "prior": prior_corrected(type_lr()),
             "weak-agree": weak_checked(), "weak-relabel": weak_checked(relabel=True),
             "lr+mnb-posts-0.25": summed(type_lr(), lambda x, k, w: type_mnb(x, k, w, rows="posts"), scales=[1.0, 0.25])}
    for variant in args.type:
        transform = bench.type_transform(variant if variant in FEATURE_VARIANTS else "base")
        head, news, news_weight = variant.rpartition("ccf-weak-") if "ccf-weak-" in variant else (variant, "", "")
        head = head.removesuffix("+")
        extra = (*bench.ccf_weak(), float(news_weight)) if news else None
        if head.startswith("weibo-weak-"):  # + the sentiment sets' Weibo posts, lexicon-typed, at that weight
            rows, kinds = bench.weibo_weak()
            weight = float(head.removeprefix("weibo-weak-"))
            head = ""
            if extra:
                extra = (sp.vstack([extra[0], rows]).tocsr(), [*extra[1], *kinds],
                         np.concatenate([np.full(len(extra[1]), extra[2]), np.full(len(kinds), weight)]))
            else:
                extra = (rows, kinds, weight)
        saved = bench.x, bench.x_weak
        if head == "words":  # + the segment stage's words and word pairs (binary), both in the type head
            bench.x, bench.x_weak, news_rows = bench.with_words(extra[0] if extra else None)
            extra = (news_rows, *extra[1:]) if extra else None
            head = ""
        weak_weight = 1.0 if variant == "weak-1.0" else risk_training.WEAK_WEIGHT
        for seed in args.seeds:
            started = time.time()
            said = bench.type_cv(seed, transform, heads.get(head), weak_weight, extra)
            record(f"type:{variant}", seed, float(np.mean(said[bench.y == 1] == bench.types[bench.y == 1])), started)
        bench.x, bench.x_weak = saved
    for variant, values in found.items():
        key = variant.split(":")[0] + ":base"
        if variant.endswith("+ccf-weak-0.1") and "type:ccf-weak-0.1" in found:  # (the shipped training's reading)
            key = "type:ccf-weak-0.1"
        base = found.get(key, {})
        v = np.array([values[s] for s in args.seeds])
        summary = {"variant": variant, "mean": round(float(v.mean()), 4), "sd": round(float(v.std(ddof=1)) if len(v) > 1 else 0.0, 4)}
        if variant != key and base and all(s in base for s in args.seeds):
            d = v - np.array([base[s] for s in args.seeds])
            summary |= {"minus_base_mean": round(float(d.mean()), 4), "minus_base_sd": round(float(d.std(ddof=1)) if len(d) > 1 else 0.0, 4)}
        print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()
