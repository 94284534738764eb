"""The extra labelled sentiment sets under shared/data/sentiment/extra (see its PROVENANCE.md).

Each set is read into (text, label) pairs with labels negative / neutral / positive:
    smp_usual_train  SMP2020-EWECT usual_train, mapped as the other SMP sets (sentiment_data)
    nlpcc_weibos     NLPCC 2013/2014 Weibo emotion, whole posts: like, happiness → positive;
                     sadness, anger, disgust, fear → negative; surprise, none → neutral
    nlpcc_sentences  the same corpora, sentence by sentence (the same texts cut smaller)
    nlpcc2018        NLPCC 2018 code-switching emotion (multi-label): negative when every label
                     is negative or surprise, positive when every label is happiness or surprise,
                     neutral for none or surprise alone; mixed labels are skipped
    covid7           COVID-19 Weibo (NLPCC 2020), 7 emotions, no neutral class: optimism,
                     gratitude → positive; anger, disgust, sadness, fear → negative; surprise → neutral
    finfe            stock-forum posts (BBT FinFE): neg, neu, pos
and one distant set, weibo_senti_100k (pos/neg from emoticons), which trains a prior the way the
CED stream's emoticon labels do (scripts/train_sentiment.py).

The sets share texts (NLPCC 2014 train = NLPCC 2013 test; COVID-7 reuses NLPCC): `merged`
keeps each normalised text once, drops texts whose sets disagree on the label, and drops every
text of an evaluation or always-trained set, so nothing crosses a cross-validation fold.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Callable, Iterable

Pair = tuple[str, str]
NEGATIVE_EMOTIONS = frozenset({"sadness", "anger", "disgust", "fear", "angry", "sad"})
POSITIVE_EMOTIONS = frozenset({"happiness", "like", "happy", "optimism", "gratitude"})
NEUTRAL_EMOTIONS = frozenset({"none", "neutral", "surprise"})
FINFE_LABELS = {"neg": "negative", "neu": "neutral", "pos": "positive"}

FILES = {
    "smp_usual_train": "smp2020_usual_train.jsonl.gz",
    "nlpcc_weibos": "nlpcc2013_2014_weibo_emotion_weibos.jsonl.gz",
    "nlpcc_sentences": "nlpcc2013_2014_weibo_emotion_sentences.jsonl.gz",
    "nlpcc2018": "nlpcc2018_codeswitch_weibo_emotion.jsonl.gz",
    "covid7": "covid19_weibo_7emotion_nlpcc2020.jsonl.gz",
    "finfe": "bbt_finfe.jsonl.gz",
    "weibo_senti_100k": "weibo_senti_100k_partial.jsonl.gz",
}


def emotion_polarity(raw: str) -> str | None:
    """negative / neutral / positive for an emotion label (or several joined by +); None if mixed."""
    labels = set(raw.split("+"))
    if labels <= NEUTRAL_EMOTIONS:
        return "neutral"
    if labels <= NEGATIVE_EMOTIONS | {"surprise"}:
        return "negative"
    if labels <= POSITIVE_EMOTIONS | {"surprise"}:
        return "positive"
    return None


MAPPINGS: dict[str, Callable[[str], str | None]] = {
    **dict.fromkeys(("smp_usual_train", "nlpcc_weibos", "nlpcc_sentences", "nlpcc2018", "covid7"), emotion_polarity),
    "finfe": FINFE_LABELS.get,
    "weibo_senti_100k": {"neg": "negative", "pos": "positive"}.get,
}


def rows(root: Path, name: str) -> Iterable[dict]:
    with gzip.open(root / "sentiment" / "extra" / FILES[name], "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def extra_set(root: Path, name: str, skipped: list[str] | None = None) -> list[Pair]:
    """One extra set as (raw text, label) pairs; unmappable rows are named in `skipped`."""
    mapping, out = MAPPINGS[name], []
    for row in rows(root, name):
        text, label = row.get("text") or "", mapping(str(row.get("label")))
        if label is None or not text.strip():
            if skipped is not None:
                skipped.append(f"{name} {row.get('id')}: label {row.get('label')!r}")
            continue
        out.append((text, label))
    return out


def merged(sets: dict[str, list[Pair]], key: Callable[[str], str], exclude: Iterable[str] = ()) -> tuple[list[Pair], dict]:
    """The sets' pairs with each key(text) once; texts whose labels disagree, or in `exclude`, dropped.

    Returns the pairs (texts as given) and counts of what was dropped, for the model card."""
    excluded = set(exclude)
    labels: dict[str, set[str]] = {}
    first: dict[str, str] = {}
    for pairs in sets.values():
        for text, label in pairs:
            k = key(text)
            labels.setdefault(k, set()).add(label)
            first.setdefault(k, text)
    kept = [(first[k], next(iter(found))) for k, found in labels.items() if len(found) == 1 and k not in excluded and k]
    counts = {"given": sum(map(len, sets.values())), "distinct": len(labels), "kept": len(kept),
              "conflicting": sum(len(found) > 1 for found in labels.values()),
              "in_evaluation_or_always_trained": len(excluded & labels.keys())}
    return kept, counts
