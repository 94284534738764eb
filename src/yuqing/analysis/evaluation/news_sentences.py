"""Sentences of the shared CCF 2019 news, for the division-mention sets (news_places).

A sentence is a run of a title or a body ending at 。！？!?；; (with a closing quote after it) or
a line break, stripped of white space, of 6 to 300 characters; its offsets are into the field.
The set was drawn once with sample(): SAMPLE_SIZE distinct sentences at random (seed
SAMPLE_SEED) from all of them, each news item's sentences then assigned to the tuning or the
check half by its id (seed HALF_SEED). The labels are in news_places_gold.tsv; the text is read
from the shared data at evaluation time and never stored in the repository.

A second, larger set (issue 14) was drawn the same way from the news of CCF's train file:
sample_train() draws TRAIN_SAMPLE_SIZE sentences (seed TRAIN_SAMPLE_SEED) among those whose
text is no sentence of the dev news; its labels are in news_places_gold_train.tsv.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import NamedTuple

NEWS_FILE = Path("sentiment/ccf2019_news/dev.jsonl")
TRAIN_NEWS_FILE = Path("sentiment/ccf2019_news/train.jsonl")
TRAIN_SAMPLE_SIZE = 800
TRAIN_SAMPLE_SEED = 2020
FIELDS = ("title", "content")
SAMPLE_SIZE = 300
SAMPLE_SEED = 2019
HALF_SEED = 14
MIN_CHARS, MAX_CHARS = 6, 300
_SENTENCE = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』）)]?|\n|$)")


class Sentence(NamedTuple):
    id: str
    field: str
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of MIN_CHARS to MAX_CHARS characters."""
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if MIN_CHARS <= end - start <= MAX_CHARS:
            spans.append((start, end))
    return spans


def read_news(root: Path, news_file: Path = NEWS_FILE) -> dict[str, dict[str, str]]:
    """News id -> {field: text}."""
    news = {}
    with (Path(root) / news_file).open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                news[row["id"]] = {field: row.get(field) or "" for field in FIELDS}
    return news


def all_sentences(news: dict[str, dict[str, str]]) -> list[Sentence]:
    """Every sentence in file order, each distinct text once (titles often open the body)."""
    seen: set[str] = set()
    out = []
    for news_id, fields in news.items():
        for field in FIELDS:
            for start, end in split_sentences(fields[field]):
                text = fields[field][start:end]
                if text not in seen:
                    seen.add(text)
                    out.append(Sentence(news_id, field, start, end, text))
    return out


def sample(root: Path) -> list[tuple[str, Sentence]]:
    """(half, sentence) for the drawn sentences, half "tune" or "check", in file order."""
    return halves(all_sentences(read_news(root)), SAMPLE_SIZE, SAMPLE_SEED)


def sample_train(root: Path) -> list[tuple[str, Sentence]]:
    """The second set's (half, sentence): from the train news, no text that is a dev sentence."""
    dev_texts = {sentence.text for sentence in all_sentences(read_news(root))}
    pool = [s for s in all_sentences(read_news(root, TRAIN_NEWS_FILE)) if s.text not in dev_texts]
    return halves(pool, TRAIN_SAMPLE_SIZE, TRAIN_SAMPLE_SEED)


def halves(pool: list[Sentence], size: int, seed: int) -> list[tuple[str, Sentence]]:
    """`size` sentences of `pool` drawn at random, in pool order, each news item's in one half."""
    drawn = sorted(random.Random(seed).sample(range(len(pool)), size))
    ids = sorted({pool[i].id for i in drawn})
    random.Random(HALF_SEED).shuffle(ids)
    tune = set(ids[: len(ids) // 2])
    return [("tune" if pool[i].id in tune else "check", pool[i]) for i in drawn]
