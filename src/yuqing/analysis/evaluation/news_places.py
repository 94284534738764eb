"""Division mentions in news sentences: precision, recall and F1 of find_places() against hand
labels, exact spans, on the tuning and the check half.

    python -m yuqing.analysis.evaluation.news_places [DATA_ROOT]

The 300 sentences come from the shared CCF 2019 news (dev), drawn by news_sentences.sample();
news_places_gold.tsv holds only their ids, offsets and the labelled mention strings, with the
labelling guide in its header. Each sentence is given to find_places() alone, as the text.
Tune on the tuning half; the check half is read for the figures only. A second set of 800
sentences of the train news (news_sentences.sample_train(), news_places_gold_train.tsv, labelled
by the same guide) is scored the same way under "train".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from yuqing.analysis.evaluation import data_root
from yuqing.analysis.evaluation.news_sentences import NEWS_FILE, TRAIN_NEWS_FILE, read_news
from yuqing.analysis.evaluation.places import span_scores
from yuqing.analysis.places import find_places

GOLD_FILE = Path(__file__).with_name("news_places_gold.tsv")
TRAIN_GOLD_FILE = Path(__file__).with_name("news_places_gold_train.tsv")
HALVES = ("tune", "check")


class Labelled(NamedTuple):
    id: str
    field: str
    start: int
    end: int
    half: str
    mentions: tuple[tuple[int, int, str], ...]


def read_gold(path: Path = GOLD_FILE) -> list[Labelled]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            news_id, field, start, end, half, *spans = line.split("\t")
            mentions = tuple((int(s), int(e), m) for s, e, m in (span.split(":", 2) for span in spans))
            rows.append(Labelled(news_id, field, int(start), int(end), half, mentions))
    return rows


def sentence_texts(root: Path, gold: list[Labelled], news_file: Path = NEWS_FILE) -> list[str]:
    """Each labelled sentence's text from the shared news; a label that no longer matches its
    text (the data changed) is an error, not a silent miss."""
    news = read_news(root, news_file)
    texts = []
    for row in gold:
        text = news[row.id][row.field][row.start : row.end]
        for s, e, mention in row.mentions:
            if text[s:e] != mention:
                raise ValueError(f"{row.id} {row.field} {row.start}: {mention!r} is not at {s}:{e}")
        texts.append(text)
    return texts


def evaluate(root: Path, details: bool = True) -> dict[str, Any]:
    """The dev set's scores per half, and the train set's under "train"."""
    result = set_scores(root, GOLD_FILE, NEWS_FILE, details)
    result["train"] = set_scores(root, TRAIN_GOLD_FILE, TRAIN_NEWS_FILE, details)
    return result


def set_scores(root: Path, gold_file: Path, news_file: Path, details: bool) -> dict[str, Any]:
    """Scores per half; `missed` and `spurious` (mention strings) for the tuning half only."""
    gold = read_gold(gold_file)
    texts = sentence_texts(Path(root), gold, news_file)
    result: dict[str, Any] = {"sentences": len(gold)}
    for half in HALVES:
        rows = [i for i, row in enumerate(gold) if row.half == half]
        expected = {(i, s, e) for i in rows for s, e, _ in gold[i].mentions}
        found = {(i, p["start"], p["end"]) for i in rows for p in find_places(texts[i])}
        scores = span_scores(expected, found, expected & found)
        scores["sentences"] = len(rows)
        if details and half == "tune":
            scores["missed"] = sorted(texts[i][s:e] for i, s, e in expected - found)
            scores["spurious"] = sorted(texts[i][s:e] for i, s, e in found - expected)
        result[half] = scores
    return result


def main() -> None:
    root = data_root()
    print(json.dumps(evaluate(root), ensure_ascii=False))


if __name__ == "__main__":
    main()
