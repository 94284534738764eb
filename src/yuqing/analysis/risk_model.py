"""The shipped risk model: linear models over risk_features, scored with numpy.

File format (written by scripts/train_risk.py, read here; numpy only, no pickle):
    risk.npz    features  uint8, the feature names as UTF-8 joined by NUL (row i+1 is feature i)
                weights   float16 (len(features) + 1, 3 + len(TYPES)); row 0 is zeros.
                          Column 0: the risk logistic regression's weights over the feature values;
                          column 1: the NB-SVM's weights over the binary features (1 where a
                          feature is present); column 2: the word NB-SVM's weights over the word
                          features (risk_features.word_features; since issue 14's tenth round);
                          columns 3…: the type logits, over the binary n-gram and lexicon features.
                bias      float32 (3 + len(TYPES),), in the same order
    risk.json   threshold, trained_on, cross-validated scores, the baseline's scores

risk score = ⅓·sigmoid(bias₀ + Σ value·weight₀ + s·w_s) + ⅓·sigmoid(bias₁ + Σ_{value>0} weight₁)
+ ⅓·sigmoid(bias₂ + Σ_{word features} weight₂), the mean of the three models' probabilities, where s
is the post's sentiment score (the sentiment stage's P(positive) − P(negative)) and w_s column 0 of
the feature SENTIMENT (its other columns are zeros; a model without that feature reads no sentiment). A post is a risk post when the score reaches the
threshold; its type is the type with the largest logit bias_t + Σ_{value>0} weight_t, over the
binary n-gram and lexicon features as the NB-SVM's (computed for risk posts only). The model's version is a hash
of the weights file, so that a retrained model makes `yuqing reanalyze` re-run the stage; risk.json's
`sentiment_version` names the sentiment model whose scores it was trained on.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from yuqing.analysis.places import find_places
from yuqing.analysis.risk_features import (LEXICON_TERM, LEXICON_TYPE, MAX_CHARS, SENTIMENT, TYPES, WORD, lexicon, without_marks,
                                            text_words, words_and_pairs)
from yuqing.analysis.sentiment_features import ngram_set
from yuqing.errors import YuqingError

MODEL_DIR = Path(__file__).resolve().parent / "models"
EXPLAIN_TERMS = 3
RISK_LR, RISK_NB, RISK_WORDS, FIRST_TYPE = 0, 1, 2, 3  # the weights' columns: the three risk models, then the types
FUNCTION_CHARS = frozenset("的了是在和就也都着呢吗啊吧呀我你他她它这那有")  # grams with these read as fragments (「的公」)


class RiskModelError(YuqingError):
    """The risk model files are missing or do not fit together: run scripts/train_risk.py."""


@dataclass(frozen=True)
class RiskResult:
    """One post's risk: score in [0, 1], label 1/0, type (None when not a risk post), and why."""

    score: float
    label: int
    type: str | None
    why: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"score": self.score, "label": self.label, "type": self.type, "why": list(self.why)}


@dataclass
class _Features:
    """The features of a batch of texts, as _features finds them.

    rows/owner: the n-gram rows of every text, one text after another, and the text each belongs
    to; ends[i]: where text i's n-gram rows end; scales: each text's n-gram value 1/sqrt(count);
    lexicon_rows/lexicon_values/lexicon_owner: the lexicon's features; lexicon_of: text → its
    lexicon rows and values (only texts that have some); word_rows/word_owner/word_ends: the
    word features' rows, as rows/owner/ends are the n-grams'."""

    rows: np.ndarray
    owner: np.ndarray
    ends: list[int]
    scales: np.ndarray
    lexicon_rows: np.ndarray
    lexicon_values: np.ndarray
    lexicon_owner: np.ndarray
    lexicon_of: dict[int, tuple[list[int], list[float]]]
    word_rows: np.ndarray
    word_owner: np.ndarray
    word_ends: list[int]


class RiskModel:
    """Scores texts in match form; see the module docstring for the formula.

    Scoring a batch is vectorised: one C-level pass of dictionary look-ups per text finds its
    n-gram rows; each risk model's logits are one weighted bincount over them. The lexicon is looked for
    only in texts that hold one of its short terms or a long term's first three characters: those
    n-grams have rows of their own (zeros beyond the model's features) that flag the text."""

    def __init__(self, features: list[str], weights: np.ndarray, bias: np.ndarray, meta: dict, version: str = ""):
        if weights.shape != (len(features) + 1, FIRST_TYPE + len(TYPES)) or bias.shape != (FIRST_TYPE + len(TYPES),):
            raise RiskModelError(f"weights have shape {weights.shape}, not ({len(features) + 1}, {FIRST_TYPE + len(TYPES)}): "
                                 "run scripts/train_risk.py")
        self.meta = meta
        self.threshold = float(meta["threshold"])
        self.version = version or "unsaved"
        self.names = ["", *features]
        self._rows = dict(zip(features, range(1, len(features) + 1)))
        lex = self._lexicon = lexicon()
        # The lexicon's features by term and type (row 0, zeros, where the model has none).
        self._term_rows = {term: self._rows.get(LEXICON_TERM + term, 0) for term in lex.terms}
        self._type_rows = {kind: self._rows.get(LEXICON_TYPE + kind, 0) for kinds in lex.terms.values() for kind in kinds}
        # N-grams that flag a text for the lexicon; those the model lacks get zero rows past its end.
        flags = [*lex.short, *lex.long_by_prefix]
        self._all_names = list(self.names)
        for gram in flags:
            if gram not in self._rows:
                self._rows[gram] = len(self._all_names)
                self._all_names.append(gram)
        self._table = np.zeros((len(self._all_names), weights.shape[1]), dtype=np.float32)
        self._table[: len(self.names)] = weights
        self._weights = self._table[: len(self.names)]  # the model's own rows (a view)
        self._bias = bias.astype(np.float32)
        sentiment_row = self._rows.get(SENTIMENT, 0)
        self.reads_sentiment = bool(sentiment_row)
        self._sentiment_weight = float(self._table[sentiment_row, RISK_LR])  # (row 0 is zeros)
        self._risk_column = np.ascontiguousarray(self._table[:, RISK_LR])
        self._nb_column = np.ascontiguousarray(self._table[:, RISK_NB])
        self._words_column = np.ascontiguousarray(self._table[:, RISK_WORDS])
        self._word_rows = {name[1:]: row for name, row in self._rows.items() if name[:1] == WORD}  # unmarked
        self._flags = np.zeros(len(self._all_names), dtype=bool)
        self._flags[[self._rows[gram] for gram in flags]] = True
        self._calm: dict[float, RiskResult] = {}

    @property
    def sentiment_version(self) -> str | None:
        """The version of the sentiment model whose scores this model was trained on."""
        return self.meta.get("sentiment_version")

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, name: str = "risk") -> RiskModel:
        npz, meta_path = directory / f"{name}.npz", directory / f"{name}.json"
        if not npz.exists() or not meta_path.exists():
            raise RiskModelError(f"no risk model at {npz}: run scripts/train_risk.py")
        version = hashlib.sha1(npz.read_bytes()).hexdigest()[:12]
        with np.load(npz, allow_pickle=False) as data:
            features = data["features"].tobytes().decode("utf-8").split("\0")
            return cls(features, data["weights"], data["bias"], json.loads(meta_path.read_text(encoding="utf-8")), version)

    def score(self, texts: list[str], text_grams: list[set[str] | None] | None = None,
              sentiments: list[float] | None = None, words: list[list[str] | None] | None = None) -> list[RiskResult]:
        """A RiskResult per text (match form); `text_grams` and `words` as in _features; `sentiments`:
        each text's sentiment score as the sentiment stage gives it (required when the model reads it)."""
        if not texts:
            return []
        f = self._features(texts, text_grams, words)
        n = len(texts)
        logits = np.bincount(f.owner, weights=self._risk_column[f.rows], minlength=n) * f.scales
        if self.reads_sentiment:
            if sentiments is None or len(sentiments) != n:
                raise RiskModelError("this risk model reads each post's sentiment score: pass the sentiment stage's scores")
            logits += self._sentiment_weight * np.asarray(sentiments, dtype=np.float64)
        nb_logits = np.bincount(f.owner, weights=self._nb_column[f.rows], minlength=n)
        if len(f.lexicon_rows):
            logits += np.bincount(f.lexicon_owner, weights=self._risk_column[f.lexicon_rows] * f.lexicon_values, minlength=n)
            nb_logits += np.bincount(f.lexicon_owner, weights=self._nb_column[f.lexicon_rows], minlength=n)
        word_logits = np.bincount(f.word_owner, weights=self._words_column[f.word_rows], minlength=n)
        bias = self._bias
        scores = ((1.0 / (1.0 + np.exp(-(logits + float(bias[RISK_LR])))) +
                   1.0 / (1.0 + np.exp(-(nb_logits + float(bias[RISK_NB])))) +
                   1.0 / (1.0 + np.exp(-(word_logits + float(bias[RISK_WORDS]))))) / 3.0).tolist()
        threshold = self.threshold
        calm = self._calm  # results are immutable: one per rounded score of a post below the threshold
        results = [calm.get(rounded) or calm.setdefault(rounded, RiskResult(rounded, 0, None, ()))
                   for rounded in [round(score, 4) for score in scores]]
        for i in [i for i, score in enumerate(scores) if score >= threshold]:
            rows, values = self._rows_and_values(f, i)
            weights = self._table[rows]
            kind = int((weights[:, FIRST_TYPE:].sum(axis=0) + bias[FIRST_TYPE:]).argmax())  # binary features
            why = self._why(rows, contributions(weights[:, RISK_LR], weights[:, RISK_NB], values), texts[i],
                            self._word_credit(f, i))
            results[i] = RiskResult(round(scores[i], 4), 1, TYPES[kind], why)
        return results

    def types(self, texts: list[str]) -> list[str]:
        """The type head's answer per text, whatever the risk head says (for scoring the type head)."""
        if not texts:
            return []
        f = self._features(texts, words=[[]] * len(texts))  # (the type head reads no words)
        logits = np.zeros((len(texts), len(TYPES)))
        for column in range(len(TYPES)):
            weights = self._table[:, FIRST_TYPE + column]
            logits[:, column] = np.bincount(f.owner, weights=weights[f.rows], minlength=len(texts))
            if len(f.lexicon_rows):  # (binary features: every present feature counts 1)
                logits[:, column] += np.bincount(f.lexicon_owner, weights=weights[f.lexicon_rows], minlength=len(texts))
        return [TYPES[k] for k in (logits + self._bias[FIRST_TYPE:]).argmax(axis=1).tolist()]

    def _features(self, texts: list[str], text_grams: list[set[str] | None] | None = None,
                  words: list[list[str] | None] | None = None) -> _Features:
        """Each text's features (risk_features), found for the whole batch at once.

        `text_grams` may give ngram_set(text, MAX_CHARS) per text, computed earlier (ngrams stage);
        `words` its words, cut earlier (the tokens stage's tokens); where None, they are cut here."""
        lookup, word_lookup = self._rows.get, self._word_rows.get
        rows: list[int] = []
        ends: list[int] = []
        sizes: list[int] = []
        word_rows: list[int] = []
        word_ends: list[int] = []
        read: list[tuple[str, set[str]]] = []
        for text, grams, cut in zip(texts, text_grams or [None] * len(texts), words or [None] * len(texts), strict=True):
            clean = without_marks(text)
            if grams is None or clean is not text:
                grams = ngram_set(clean, MAX_CHARS)
            rows += filter(None, map(lookup, grams))  # one C-level pass, as in the sentiment model
            ends.append(len(rows))
            found_words = words_and_pairs(text_words(clean) if cut is None else cut)
            word_rows += dict.fromkeys(filter(None, map(word_lookup, found_words)))  # each feature once
            word_ends.append(len(word_rows))
            sizes.append(len(grams) or 1)
            read.append((clean, grams))
        found = np.array(rows, dtype=np.intp)
        owner = np.repeat(np.arange(len(texts)), np.diff(ends, prepend=0))
        lexicon_of: dict[int, tuple[list[int], list[float]]] = {}
        found_in = self._lexicon.found
        for i in np.unique(owner[self._flags[found]]).tolist():
            clean, grams = read[i]
            lexicon_rows, lexicon_values = self._lexicon_rows(found_in(clean[:MAX_CHARS], grams))
            if lexicon_rows:
                lexicon_of[i] = (lexicon_rows, lexicon_values)
        lexicon_rows = [row for rows_, _ in lexicon_of.values() for row in rows_]
        return _Features(
            found, owner, ends, 1.0 / np.sqrt(np.array(sizes, dtype=np.float64)),
            np.array(lexicon_rows, dtype=np.intp),
            np.array([value for _, values in lexicon_of.values() for value in values], dtype=np.float64),
            np.repeat(np.array(list(lexicon_of), dtype=np.intp), [len(rows_) for rows_, _ in lexicon_of.values()]),
            lexicon_of, np.array(word_rows, dtype=np.intp), np.repeat(np.arange(len(texts)), np.diff(word_ends, prepend=0)),
            word_ends)

    def _rows_and_values(self, f: _Features, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Text i's rows (n-grams, then lexicon terms and types, as risk_features orders them) and values."""
        start = f.ends[i - 1] if i else 0
        lexicon_rows, lexicon_values = f.lexicon_of.get(i, ((), ()))
        rows = np.concatenate([f.rows[start : f.ends[i]], np.array(lexicon_rows, dtype=np.intp)])
        values = np.full(len(rows), np.float32(f.scales[i]), dtype=np.float32)
        values[f.ends[i] - start :] = lexicon_values
        return rows, values

    def _lexicon_rows(self, terms: list[str]) -> tuple[list[int], list[float]]:
        """lexicon_features' rows and values (in its order) for the terms found in a text."""
        rows: list[int] = []
        values: list[float] = []
        per_type: dict[str, int] = {}
        kinds = self._lexicon.terms
        for term in terms:
            row = self._term_rows[term]
            if row:
                rows.append(row)
                values.append(1.0)
            for kind in kinds[term]:
                per_type[kind] = per_type.get(kind, 0) + 1
        for kind, count in per_type.items():
            row = self._type_rows[kind]
            if row:
                rows.append(row)
                values.append(min(count, 3) / 3)
        return rows, values

    def _word_credit(self, f: _Features, i: int) -> list[tuple[str, float]]:
        """What text i's single words added toward risk through the word model, by word (a pair of
        words names no one term, so pairs are left out of the explanation)."""
        rows = f.word_rows[(f.word_ends[i - 1] if i else 0) : f.word_ends[i]]
        names = self._all_names
        return [(names[r][1:], float(w) / 3.0) for r, w in zip(rows.tolist(), self._words_column[rows].tolist())
                if " " not in names[r]]

    def _why(self, rows: np.ndarray, contributions: np.ndarray, text: str,
             words: list[tuple[str, float]] = ()) -> tuple[str, ...]:
        """The terms that pushed hardest toward risk: explain_terms over the features that can count
        (the n-gram and lexicon rows, then `words`, the word model's credit per word).

        Left out, as explain_terms would give them no credit: n-grams outside every lexicon term
        found that are unreadable or did not push toward risk."""
        names = self._all_names
        marked, readable = self._kinds_of_rows
        lexicon_mask = marked[rows]
        terms = [names[r][1:] for r in rows[lexicon_mask].tolist() if names[r].startswith(LEXICON_TERM)]
        keep = lexicon_mask | ((contributions > 0) & readable[rows])
        if terms:
            lookup = self._rows.get
            inside = {lookup(t[i:j], 0) for t in terms for i in range(len(t)) for j in range(i + 1, len(t) + 1)}
            inside.discard(0)
            if inside:  # (a handful of rows: one comparison each beats np.isin's sorting)
                keep |= (rows[:, None] == np.fromiter(inside, dtype=np.intp, count=len(inside))).any(axis=1)
        places = [(place["start"], place["end"]) for place in find_places(text[:MAX_CHARS])]
        weighed = [(names[r], c) for r, c in zip(rows[keep].tolist(), contributions[keep].tolist())]
        return explain_terms(weighed + list(words), text=text, places=places)

    @cached_property
    def _kinds_of_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """Per row: whether it is a lexicon feature (term or type); whether it is a readable n-gram
        of the model (the flag rows past its features weigh nothing and name nothing)."""
        marked = np.array([name[:1] in (LEXICON_TERM, LEXICON_TYPE) for name in self._all_names], dtype=bool)
        readable = np.array([_readable(name) for name in self._all_names], dtype=bool) & ~marked  # (a word row's mark is not alphanumeric)
        readable[len(self.names) :] = False
        return marked, readable


def contributions(lr_weights: np.ndarray, nb_weights: np.ndarray, values: np.ndarray) -> np.ndarray:
    """What each n-gram or lexicon feature added toward risk, in log-odds: a third of what it added
    to the two n-gram models' logits (value·weight in the logistic regression, its weight in the
    NB-SVM), as each of the three models counts for a third of the score."""
    return (lr_weights * values + nb_weights) / np.float32(3.0)


def explain_terms(weighed: list[tuple[str, float]], count: int = EXPLAIN_TERMS, text: str = "",
                  places: list[tuple[int, int]] = ()) -> tuple[str, ...]:
    """Up to `count` readable terms ranked by what they added to the risk logit.

    A lexicon term is credited with its own feature, the n-grams inside it and an equal share of
    its type's count feature, so 「火灾」 is named rather than the fragments 「火」「灾」; other
    n-grams of 2+ letters or digits stand for themselves. Terms inside a better one are skipped,
    and so are terms that overlap a better one where they occur in `text` (「急通」 of 「紧急通知」
    beside 「紧急」): the NB-SVM weighs every n-gram it saw, so neighbouring fragments score alike.
    An n-gram found in `text` only inside a longer place name (`places`: its mentions' spans) is
    skipped too: 「城市」 of 「永城市」 names no reason."""
    terms = [name.removeprefix(LEXICON_TERM) for name, _ in weighed if name.startswith(LEXICON_TERM)]
    kinds = lexicon().terms
    credit: dict[str, float] = dict.fromkeys(terms, 0.0)
    for name, value in weighed:
        if name.startswith(LEXICON_TYPE):
            sharing = [t for t in terms if name[1:] in kinds.get(t, ())]
            for term in sharing:
                credit[term] += value / len(sharing)
            continue
        gram = name.removeprefix(LEXICON_TERM)
        owner = next((t for t in terms if gram in t), None) if not name.startswith(LEXICON_TERM) else gram
        if owner is not None:
            credit[owner] += value
        elif _readable(gram) and not _inside_place(gram, text, places):
            credit[gram] = credit.get(gram, 0.0) + value
    chosen: list[str] = []
    for term in sorted(credit, key=lambda t: -credit[t]):
        if credit[term] <= 0 or len(chosen) == count:
            break
        if not any(term in kept or kept in term or _joined(term, kept, text) for kept in chosen):
            chosen.append(term)
    return tuple(chosen)


def _inside_place(gram: str, text: str, places: list[tuple[int, int]]) -> bool:
    """Whether every occurrence of `gram` in `text` lies inside a longer place mention."""
    if not places:
        return False
    start = text.find(gram)
    if start < 0:
        return False
    while start >= 0:
        if not any(a <= start and start + len(gram) <= b and b - a > len(gram) for a, b in places):
            return False
        start = text.find(gram, start + 1)
    return True


def _joined(a: str, b: str, text: str) -> bool:
    """Whether `a` and `b` overlap in `text`: one's end is the other's start there (「紧急」「急通」 in 「紧急通知」)."""
    return any((a[-k:] == b[:k] and a + b[k:] in text) or (b[-k:] == a[:k] and b + a[k:] in text)
               for k in range(1, min(len(a), len(b))))


def _readable(gram: str) -> bool:
    """An n-gram a person can read as a word: two or more letters or digits, no punctuation."""
    return len(gram) >= 2 and all(ch.isalnum() for ch in gram) and not FUNCTION_CHARS.intersection(gram)
