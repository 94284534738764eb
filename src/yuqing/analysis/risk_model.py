"""The shipped risk model: one linear model over risk_features, scored with numpy.

File format (written by scripts/train_risk.py, read here; numpy only, no pickle):
    risk.npz    features  uint8, the feature names as UTF-8 joined by NUL (row i+1 is feature i)
                weights   float16 (len(features) + 1, 1 + len(TYPES)); row 0 is zeros.
                          Column 0 is the risk logit, columns 1… the type logits.
                bias      float32 (1 + len(TYPES),)
    risk.json   threshold, trained_on, cross-validated scores, the baseline's scores

risk score = sigmoid(bias₀ + Σ value·weight₀); a post is a risk post when the score reaches the
threshold; its type is the type with the largest logit. The model's version is a hash of the
weights file, so that a retrained model makes `yuqing reanalyze` re-run the stage.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from math import sqrt

from yuqing.analysis.risk_features import (
    LEXICON_TERM, LEXICON_TYPE, MAX_CHARS, TYPES, lexicon, lexicon_features, without_marks,
)
from yuqing.analysis.sentiment_features import ngram_set
from yuqing.errors import YuqingError

MODEL_DIR = Path(__file__).resolve().parent / "models"
EXPLAIN_TERMS = 3
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


class RiskModel:
    """Scores texts in match form; see the module docstring for the formula."""

    def __init__(self, features: list[str], weights: np.ndarray, bias: np.ndarray, meta: dict, version: str = ""):
        if weights.shape != (len(features) + 1, 1 + len(TYPES)) or bias.shape != (1 + len(TYPES),):
            raise RiskModelError(f"weights have shape {weights.shape}, not ({len(features) + 1}, {1 + len(TYPES)}): retrain")
        self.meta = meta
        self.threshold = float(meta["threshold"])
        self.version = version or "unsaved"
        self.names = ["", *features]
        self._rows = dict(zip(features, range(1, len(features) + 1)))
        self._weights = weights.astype(np.float32)
        self._bias = bias.astype(np.float32)

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, name: str = "risk") -> RiskModel:
        npz, meta_path = directory / f"{name}.npz", directory / f"{name}.json"
        if not npz.exists() or not meta_path.exists():
            raise RiskModelError(f"no risk model at {npz}: run scripts/train_risk.py")
        version = hashlib.sha1(npz.read_bytes()).hexdigest()[:12]
        with np.load(npz, allow_pickle=False) as data:
            features = data["features"].tobytes().decode("utf-8").split("\0")
            return cls(features, data["weights"], data["bias"], json.loads(meta_path.read_text(encoding="utf-8")), version)

    def score(self, texts: list[str], text_grams: list[set[str] | None] | None = None) -> list[RiskResult]:
        """A RiskResult per text (match form); `text_grams` as in _rows_of."""
        if not texts:
            return []
        rows, values, starts = self._rows_of(texts, text_grams)
        contributions = self._weights[rows] * values[:, None]
        logits = np.add.reduceat(contributions, starts, axis=0) + self._bias
        scores = 1.0 / (1.0 + np.exp(-logits[:, 0].astype(np.float64)))
        kinds = logits[:, 1:].argmax(axis=1)
        ends = [*starts[1:].tolist(), len(rows)]
        results = []
        for i, (score, kind) in enumerate(zip(scores.tolist(), kinds.tolist())):
            label = int(score >= self.threshold)
            why = self._why(rows[starts[i] : ends[i]], contributions[starts[i] : ends[i], 0]) if label else ()
            results.append(RiskResult(round(score, 4), label, TYPES[kind] if label else None, why))
        return results

    def types(self, texts: list[str]) -> list[str]:
        """The type head's answer per text, whatever the risk head says (for scoring the type head)."""
        if not texts:
            return []
        rows, values, starts = self._rows_of(texts)
        logits = np.add.reduceat(self._weights[rows, 1:] * values[:, None], starts, axis=0) + self._bias[1:]
        return [TYPES[k] for k in logits.argmax(axis=1).tolist()]

    def _rows_of(self, texts: list[str], text_grams: list[set[str] | None] | None = None) -> tuple[np.ndarray, ...]:
        """Rows and values of each text's features (risk_features), texts one after another.

        `text_grams` may give ngram_set(text, MAX_CHARS) per text, computed earlier (ngrams stage).
        Each text's rows start with row 0 (zeros), so no text is an empty segment for reduceat."""
        lookup = self._rows.get
        rows: list[int] = []
        values: list[float] = []
        starts: list[int] = []
        for text, grams in zip(texts, text_grams or [None] * len(texts), strict=True):
            clean = without_marks(text)
            if grams is None or clean is not text:
                grams = ngram_set(clean, MAX_CHARS)
            starts.append(len(rows))
            rows.append(0)
            values.append(0.0)
            found = list(filter(None, map(lookup, grams)))  # one C-level pass, as in the sentiment model
            rows += found
            values += [1.0 / sqrt(len(grams) or 1)] * len(found)
            for feature, value in lexicon_features(clean, grams).items():
                row = lookup(feature)
                if row:
                    rows.append(row)
                    values.append(value)
        return np.array(rows, dtype=np.intp), np.array(values, dtype=np.float32), np.array(starts, dtype=np.intp)

    def _why(self, rows: np.ndarray, contributions: np.ndarray) -> tuple[str, ...]:
        """The terms that pushed hardest toward risk (see explain_terms)."""
        return explain_terms([(self.names[r], float(c)) for r, c in zip(rows.tolist(), contributions.tolist()) if r])


def explain_terms(weighed: list[tuple[str, float]], count: int = EXPLAIN_TERMS) -> tuple[str, ...]:
    """Up to `count` readable terms ranked by what they added to the risk logit.

    A lexicon term is credited with its own feature, the n-grams inside it and an equal share of
    its type's count feature, so 「火灾」 is named rather than the fragments 「火」「灾」; other
    n-grams of 2+ letters or digits stand for themselves. Terms inside a better one are skipped."""
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
        elif _readable(gram):
            credit[gram] = credit.get(gram, 0.0) + value
    chosen: list[str] = []
    for term in sorted(credit, key=lambda t: -credit[t]):
        if credit[term] <= 0 or len(chosen) == count:
            break
        if not any(term in kept or kept in term for kept in chosen):
            chosen.append(term)
    return tuple(chosen)


def _readable(gram: str) -> bool:
    """An n-gram a person can read as a word: two or more letters or digits, no punctuation."""
    return len(gram) >= 2 and all(ch.isalnum() for ch in gram) and not FUNCTION_CHARS.intersection(gram)
