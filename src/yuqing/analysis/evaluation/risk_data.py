"""The risk data under shared/data: the 1,200 labelled posts, their cascades, and weak labels.

- risk/dev.jsonl: 1,200 CED Weibo posts labelled by hand (risk 1/0, type) following risk/GUIDE.md.
- stream/ced_weibo_dev.jsonl.gz: the stream they come from. Each labelled post's cascade (the
  original it belongs to) groups the cross-validation folds: a repost quotes its original, so
  two posts of one cascade never sit on both sides of a fold.
- Weak type labels: posts of the stream's *other* cascades (none of the 1,200's) holding at least
  two distinct lexicon terms, typed by the type most of their terms signal. They teach the type
  head words the 237 risk posts do not have; they are never scored.
- Weak type labels from news (weak_news): the CCF 2019 news marked negative
  (sentiment/ccf2019_news, train and dev), title and text to 400 characters, typed by the same
  rule. News, not Weibo posts, so they weigh less in training (risk_training.NEWS_WEIGHT).

Each labelled post carries its sentiment score as the pipeline's sentiment stage gives it to the
risk stage (risk.sentiment_scores: the shipped sentiment model, the post's text in match form, the
weibo head; a correction with a title, the news head). It is a function of the post alone, never of
any label here, so computing it once for all posts is computing it per fold.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from yuqing.analysis.risk import sentiment_scores
from yuqing.analysis.risk_features import TYPES, lexicon, risk_text
from yuqing.analysis.sentiment_features import match_form, ngram_set

WEAK_MIN_TERMS = 2
WEAK_MIN_CHARS = 15
NEWS_CHARS = 400
CCF_NEGATIVE = 2  # ccf2019_news labels: 0 positive, 1 neutral, 2 negative


@dataclass(frozen=True)
class Labelled:
    id: str
    text: str  # match form
    risk: int
    type: str  # "none" when risk is 0
    cascade: str
    sentiment: float  # the sentiment stage's score, P(positive) - P(negative)
    teaches_type: bool = True  # False: trains the risk heads only (the labelled roots, risk_extra)


def stream_rows(root: Path) -> Iterator[dict]:
    with gzip.open(root / "stream" / "ced_weibo_dev.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def labelled(root: Path) -> list[Labelled]:
    """The 1,200 posts, texts in match form, each with its cascade (its own id if not in the stream)."""
    rows = [json.loads(line) for line in (root / "risk" / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line]
    wanted = {row["id"] for row in rows}
    cascades = {r["id"]: r["cascade"] for r in stream_rows(root) if r["id"] in wanted}
    texts = [match_form(r["text"]) for r in rows]
    sentiments = sentiment_scores([("", text) for text in texts])
    return [Labelled(r["id"], text, int(r["risk"]), r["type"], cascades.get(r["id"], r["id"]), score)
            for r, text, score in zip(rows, texts, sentiments, strict=True)]


def outside(extra: Iterable[Labelled], scored: Iterable[Labelled]) -> list[Labelled]:
    """The extra posts that share no cascade with the scored posts: a labelled root of one of the
    1,200's cascades trains only the folds (outer and inner) that score none of that cascade."""
    cascades = {p.cascade for p in scored}
    return [p for p in extra if p.cascade not in cascades]


def corrected(path: Path | None) -> list[Labelled]:
    """The risk labels people gave in yuqing (`yuqing corrections export`), as labelled posts.

    They train every fold (like the weak posts) and are never scored: the folds stay the 1,200's."""
    from yuqing.analysis.evaluation.corrections_data import read_corrections

    rows = [row for row in (read_corrections(path) if path else [])
            if row.get("risk") in (0, 1) and (row.get("risk") == 0 or row.get("type") in TYPES)]
    sentiments = sentiment_scores([(match_form(row.get("title") or ""), match_form(row.get("text") or "")) for row in rows])
    out = []
    for row, score in zip(rows, sentiments, strict=True):
        text = match_form(f"{row.get('title') or ''} {row.get('text') or ''}".strip())
        key = f"correction:{row.get('id')}"
        out.append(Labelled(key, text, int(row["risk"]), row.get("type") or "none", key, score))
    return out


def lexicon_type(text: str, lex=None) -> str | None:
    """The type most of the text's distinct lexicon terms signal (ties: TYPES order), or None
    where it holds fewer than WEAK_MIN_TERMS of them."""
    lex = lex or lexicon()
    terms = set(lex.found(text, ngram_set(text, len(text))))
    if len(terms) < WEAK_MIN_TERMS:
        return None
    votes = {kind: sum(kind in lex.terms[t] for t in terms) for kind in TYPES}
    return max(TYPES, key=lambda kind: votes[kind])


def weak_news(root: Path, chars: int = NEWS_CHARS) -> list[tuple[str, str]]:
    """(title + text in match form, to `chars`; lexicon type) for distinct CCF 2019 negative news."""
    seen, out = set(), []
    for name in ("train", "dev"):
        for line in (root / "sentiment" / "ccf2019_news" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = risk_text(match_form(row.get("title") or ""), match_form(row.get("content") or ""))[:chars]
            if int(row["label"]) != CCF_NEGATIVE or len(text) < WEAK_MIN_CHARS or text in seen:
                continue
            seen.add(text)
            kind = lexicon_type(text)
            if kind:
                out.append((text, kind))
    return out


def weak_typed(root: Path, exclude_cascades: set[str], exclude_texts: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(text in match form, lexicon type) for distinct stream posts outside `exclude_cascades`,
    leaving out the texts in `exclude_texts` (posts labelled by reading: not also weak posts)."""
    lex, seen, out = lexicon(), set(exclude_texts), []
    for row in stream_rows(root):
        text = match_form(row.get("text") or "")
        if row["cascade"] in exclude_cascades or len(text) < WEAK_MIN_CHARS or text in seen:
            continue
        seen.add(text)
        kind = lexicon_type(text, lex)
        if kind:
            out.append((text, kind))
    return out
