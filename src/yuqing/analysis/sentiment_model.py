"""The shipped sentiment model: a linear model over character n-gram sets, scored with numpy.

Files (written by scripts/train_sentiment.py, read here):
    sentiment.npz   the grams, int8 weights and bias (sentiment_file.py); loaded as float32, row i+1
                    of a head's (len(grams) + 1, 3) weights is gram i's, row 0 is zeros
    sentiment.json  format version, labels, heads (name → index), max_chars per head, sources, scores

An item's logits are bias + Σ over its groups (text; title, marked) of (sum of the group's grams'
rows) / sqrt(number of distinct grams in the group): the same formula the trainer fits, so the
scores here are the ones the model card reports. Dividing by the square root of the gram count
keeps a long text from shouting down a short one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from yuqing.analysis import sentiment_file
from yuqing.analysis.sentiment_features import TITLE_MARK, feature_groups
from yuqing.errors import YuqingError

MODEL_DIR = Path(__file__).resolve().parent / "models"
LABELS = ("negative", "neutral", "positive")
Item = tuple[str, str]  # (title, text) in match form; title "" for a post


class SentimentModelError(YuqingError):
    """The model files are missing or do not fit together."""


@dataclass(frozen=True)
class Head:
    """One domain's weights: which slice of the weight array, and how much text it reads."""

    index: int
    max_chars: int


class SentimentModel:
    """Scores texts in match form with one of the model's heads ("weibo", "news")."""

    def __init__(self, grams: list[str], weights: np.ndarray, bias: np.ndarray, meta: dict, version: str = ""):
        if weights.shape != (len(grams) + 1, len(meta["heads"]), len(LABELS)):
            raise SentimentModelError(f"weights have shape {weights.shape}, not ({len(grams) + 1}, heads, 3): retrain the model")
        self.meta = meta
        # The weights file's hash (see load): a retrained model makes `yuqing reanalyze` re-run the stage.
        self.version: str = version or f"unsaved-{meta.get('version', '')}"
        self.heads = {name: Head(i, meta["max_chars"][name]) for name, i in meta["heads"].items()}
        self._rows = dict(zip(grams, range(1, len(grams) + 1)))
        self._weights = [np.ascontiguousarray(weights[:, i, :], dtype=np.float32) for i in range(weights.shape[1])]
        self._bias = bias.astype(np.float32)

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, name: str = "sentiment") -> SentimentModel:
        npz, meta_path = directory / f"{name}.npz", directory / f"{name}.json"
        if not npz.exists() or not meta_path.exists():
            raise SentimentModelError(f"no sentiment model at {npz}: run scripts/train_sentiment.py")
        version = hashlib.sha1(npz.read_bytes()).hexdigest()[:12]
        try:
            grams, weights, bias = sentiment_file.read(npz)
        except sentiment_file.FormatError as error:
            raise SentimentModelError(str(error)) from None
        return cls(grams, weights, bias, json.loads(meta_path.read_text(encoding="utf-8")), version)

    def head(self, domain: str) -> Head:
        try:
            return self.heads[domain]
        except KeyError:
            raise SentimentModelError(f"no sentiment head {domain!r}; use one of {sorted(self.heads)}") from None

    def probabilities(self, items: list[Item], domain: str, text_grams: list[set[str] | None] | None = None) -> np.ndarray:
        """(len(items), 3) probabilities of negative, neutral, positive for (title, text) items.

        `text_grams` may give each item's ngram_set(text, the head's max_chars), computed earlier."""
        logits = self.logits(items, domain, text_grams)
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def logits(self, items: list[Item], domain: str, text_grams: list[set[str] | None] | None = None) -> np.ndarray:
        head = self.head(domain)
        rows, group_starts, sizes, item_starts = self._rows_of(items, head.max_chars, text_grams or [None] * len(items))
        per_group = np.add.reduceat(self._weights[head.index][rows], group_starts, axis=0) / np.sqrt(sizes)[:, None]
        return np.add.reduceat(per_group, item_starts, axis=0) + self._bias[head.index]

    def negative_evidence(self, item: Item, domain: str) -> list[tuple[str, float]]:
        """(n-gram, what it adds to the negative logit over the mean of the other two) for one item.

        A title's n-grams come back without their mark; the value includes the group's 1/sqrt(n)."""
        head = self.head(domain)
        weights = self._weights[head.index]
        names = self._names()
        out = []
        for grams in feature_groups(*item, head.max_chars):
            rows = [row for row in map(self._rows.get, grams) if row]
            scale = 1.0 / np.sqrt(len(grams) or 1)
            lean = (weights[rows, 0] - weights[rows, 1:].mean(axis=1)) * scale
            out += [(names[row].lstrip(TITLE_MARK), float(value)) for row, value in zip(rows, lean.tolist())]
        return out

    def _names(self) -> list[str]:
        if getattr(self, "_name_list", None) is None:
            self._name_list = ["", *self._rows]
        return self._name_list

    def _rows_of(self, items: list[Item], max_chars: int, text_grams: list[set[str] | None]) -> tuple[np.ndarray, ...]:
        # Each group's rows start with row 0 (zeros), so no group is an empty segment for reduceat.
        lookup = self._rows.get
        rows: list[int] = []
        group_starts: list[int] = []
        sizes: list[int] = []
        item_starts: list[int] = []
        for (title, text), given in zip(items, text_grams, strict=True):
            item_starts.append(len(group_starts))
            for grams in feature_groups(title, text, max_chars, given):
                group_starts.append(len(rows))
                rows.append(0)
                rows.extend(filter(None, map(lookup, grams)))
                sizes.append(len(grams) or 1)
        return (np.array(rows, dtype=np.intp), np.array(group_starts, dtype=np.intp),
                np.array(sizes, dtype=np.float32), np.array(item_starts, dtype=np.intp))
