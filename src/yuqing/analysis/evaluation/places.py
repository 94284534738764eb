"""Place-mention quality on the Weibo NER set (Peng & Dredze 2015; annotations CC BY-SA 3.0).

    python -m yuqing.analysis.evaluation.places [DATA_ROOT]

What is counted: gold mentions are the named geographic entities, GPE.NAM (countries,
provinces, cities: 北京, 日本) and LOC.NAM (named locations: 丽江, 云台山, 沧海路). Nominal
mentions (GPE.NOM 国家, LOC.NOM 宿舍) are not names and no gazetteer can resolve them, so they
are left out. A predicted mention is a span find_places() returns on the message text. Exact
spans: a prediction counts only if its start and end equal a gold mention's. `overlap` relaxes
that to any shared character (河南省 against gold 河南省委 counts). Foreign places (日本, 利物浦)
and 中国 itself are gold mentions the gazetteer cannot know: `recall_known` is recall on the
gold mentions whose text is a name in the gazetteer, to separate coverage from matching.
`gpe_only` scores against GPE.NAM alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from yuqing.analysis.evaluation import data_root
from yuqing.analysis.places import find_places, get_matcher

GOLD_TYPES = ("GPE.NAM", "LOC.NAM")
NER_DIR = Path("places/weibo_ner")

Span = tuple[int, int]


def read_conll(path: Path) -> list[tuple[str, dict[Span, str]]]:
    """Messages as (text, {(start, end): entity type}); a token's trailing digit is dropped."""
    messages, chars, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            token, tag = line.split("\t")
            chars.append(token[:-1] if token[-1:].isdigit() and len(token) > 1 else token)
            tags.append(tag)
        elif chars:
            messages.append(_message(chars, tags))
            chars, tags = [], []
    return messages


def _message(chars: list[str], tags: list[str]) -> tuple[str, dict[Span, str]]:
    offsets = [0]
    for piece in chars:
        offsets.append(offsets[-1] + len(piece))
    spans: dict[Span, str] = {}
    start = kind = None
    for i, tag in enumerate(tags + ["O"]):
        if start is not None and tag != "I-" + kind:
            spans[(offsets[start], offsets[i])] = kind
            start = None
        if tag.startswith("B-"):
            start, kind = i, tag[2:]
    return "".join(chars), spans


def evaluate(data_root: Path, split: str = "dev") -> dict[str, Any]:
    """Precision, recall and F1 of place-mention spans on `split` (dev or train)."""
    messages = read_conll(Path(data_root) / NER_DIR / f"{split}.conll")
    gold, gpe, predicted = set(), set(), set()
    for i, (text, spans) in enumerate(messages):
        gold |= {(i, s, e) for (s, e), kind in spans.items() if kind in GOLD_TYPES}
        gpe |= {(i, s, e) for (s, e), kind in spans.items() if kind == "GPE.NAM"}
        predicted |= {(i, p["start"], p["end"]) for p in find_places(text)}
    texts = [text for text, _ in messages]
    known = {g for g in gold if texts[g[0]][g[1] : g[2]] in get_matcher().pattern_index}
    result = {"split": split, "messages": len(messages), "gold_types": list(GOLD_TYPES)}
    result.update(span_scores(gold, predicted, predicted & gold))
    result["overlap"] = span_scores(gold, predicted, _overlapping(predicted, gold), _overlapping(gold, predicted))
    result["gpe_only"] = span_scores(gpe, predicted, predicted & gpe)  # gold GPE.NAM alone
    result["gold_known"] = len(known)
    result["recall_known"] = round(len(known & predicted) / len(known), 4) if known else 0.0
    result["missed"] = sorted(texts[i][s:e] for i, s, e in gold - predicted)
    result["spurious"] = sorted(texts[i][s:e] for i, s, e in predicted - gold)
    return result


def _overlapping(spans: set, others: set) -> set:
    return {a for a in spans if any(a[0] == b[0] and a[1] < b[2] and b[1] < a[2] for b in others)}


def span_scores(gold: set, predicted: set, hits: set, gold_hits: set | None = None) -> dict[str, Any]:
    """`hits` are the true predictions; `gold_hits` the gold found (the same set for exact spans)."""
    found = len(gold_hits if gold_hits is not None else hits)
    precision = len(hits) / len(predicted) if predicted else 0.0
    recall = found / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": len(gold), "predicted": len(predicted), "correct": len(hits),
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
    }


def main() -> None:
    root = data_root()
    for split in ("train", "dev"):
        print(json.dumps(evaluate(root, split), ensure_ascii=False))


if __name__ == "__main__":
    main()
