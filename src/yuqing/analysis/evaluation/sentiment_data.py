"""The labelled sentiment sets under shared/data/sentiment, read into (text, label) pairs.

Labels are mapped to negative / neutral / positive (see docs/model-card-sentiment.md):
    SMP2020-EWECT   angry, sad, fear → negative; neutral → neutral; happy → positive;
                    surprise → neutral (its posts are as often glad as shocked, and the
                    negative-vs-not score counts it as "not negative")
    CLUE emotion    sadness, anger, disgust, fear → negative; happiness, like → positive;
                    surprise → neutral
    CCF 2019 news   0 → positive, 1 → neutral, 2 → negative
    reviews         1 → positive, 0 → negative
Texts are raw, as in the files; a news item is its title and its body. Rows whose label is not
one of these are reported in the `skipped` list given to the loaders, never dropped silently.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

Pair = tuple[str, str]

SMP_LABELS = {"angry": "negative", "sad": "negative", "fear": "negative", "neutral": "neutral",
              "happy": "positive", "surprise": "neutral"}
CLUE_LABELS = {"sadness": "negative", "anger": "negative", "disgust": "negative", "fear": "negative",
               "happiness": "positive", "like": "positive", "surprise": "neutral"}
CCF_LABELS = {0: "positive", 1: "neutral", 2: "negative"}
REVIEW_LABELS = {"1": "positive", "0": "negative"}
REVIEW_FILES = ("chnsenticorp_hotel.csv", "waimai_10k.csv", "online_shopping_10_cats.csv")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def smp(root: Path, split: str, skipped: list[str] | None = None) -> list[Pair]:
    """SMP2020-EWECT Weibo posts; split is virus_train, usual_eval or virus_eval."""
    rows = read_jsonl(root / "sentiment" / "smp2020_weibo" / f"{split}.jsonl")
    return _mapped(((r.get("content") or "", r.get("label")) for r in rows), SMP_LABELS, f"smp/{split}", skipped)


def clue(root: Path, skipped: list[str] | None = None) -> list[Pair]:
    rows = read_jsonl(root / "sentiment" / "clue_emotion2020" / "valid.jsonl")
    return _mapped(((r.get("content") or "", r.get("label")) for r in rows), CLUE_LABELS, "clue", skipped)


def ccf(root: Path, split: str, skipped: list[str] | None = None) -> list[tuple[str, str, str]]:
    """CCF 2019 news as (title, body, label); split is train or dev."""
    rows = read_jsonl(root / "sentiment" / "ccf2019_news" / f"{split}.jsonl")
    out = []
    for row in rows:
        label = CCF_LABELS.get(row.get("label"))  # type: ignore[arg-type]
        if label is None:
            _skip(skipped, f"ccf/{split} {row.get('id')}: label {row.get('label')!r}")
        else:
            out.append((row.get("title") or "", row.get("content") or "", label))
    return out


def reviews(root: Path, skipped: list[str] | None = None) -> list[Pair]:
    """Hotel, food-delivery and shopping reviews, in file order."""
    pairs: list[tuple[str, Any]] = []
    for name in REVIEW_FILES:
        with (root / "sentiment" / "reviews" / name).open(encoding="utf-8-sig", newline="") as handle:
            pairs += [(row.get("review") or "", row.get("label")) for row in csv.DictReader(handle)]
    return _mapped(pairs, REVIEW_LABELS, "reviews", skipped)


def _mapped(pairs, mapping: dict, name: str, skipped: list[str] | None) -> list[Pair]:
    out = []
    for number, (text, raw) in enumerate(pairs):
        label = mapping.get(raw)
        if label is None or not text.strip():
            _skip(skipped, f"{name} row {number}: label {raw!r}, {len(text)} characters")
        else:
            out.append((text, label))
    return out


def _skip(skipped: list[str] | None, reason: str) -> None:
    if skipped is not None:
        skipped.append(reason)
