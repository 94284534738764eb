"""Why a post reads as negative: the words of its text that pushed the sentiment model hardest
toward "negative", for the document page and the alert (「为何判为负面：气死、太差、[怒]」).

The sentiment model is linear over character n-grams, so each n-gram of a post adds a known
amount to the negative logit (over the mean of the other two; sentiment_model.negative_evidence).
Single characters and fragments such as 「好难」「难过」 are not what a person reads, so the
evidence is gathered by *word*: the post is segmented (jieba, as the segment stage does) and each
word is credited with every n-gram inside it. The strongest words come first; a word is named
only when it added something and at least MIN_SHARE of the strongest word's credit, so a post
with one clear reason does not get two noise words beside it. The risk stage's terms (stored
with each post, risk_model.explain_terms) are built the same way over its incident lexicon.
Computed on demand (one post at a time), never in the pipeline.
"""

from __future__ import annotations

from functools import cache

from yuqing.analysis.risk_model import FUNCTION_CHARS
from yuqing.analysis.segment import Segmenter
from yuqing.analysis.sentiment import shipped_model
from yuqing.analysis.sentiment_features import match_form
from yuqing.analysis.sentiment_model import SentimentModel

TERMS = 3
MIN_SHARE = 0.3


@cache
def _segmenter() -> Segmenter:
    return Segmenter()


def negative_terms(title: str, text: str, model: SentimentModel | None = None, count: int = TERMS) -> tuple[str, ...]:
    """Up to `count` words of a raw (title, text) that pushed the sentiment model toward negative."""
    item = (match_form(title), match_form(text))
    if not (item[0].strip() or item[1].strip()):
        return ()
    evidence: dict[str, float] = {}
    for gram, value in (model or shipped_model()).negative_evidence(item, "news" if item[0] else "weibo"):
        evidence[gram] = evidence.get(gram, 0.0) + value
    words = dict.fromkeys(_segmenter().tokenize(item[0]) + _segmenter().tokenize(item[1]))
    credit = {word: sum(evidence.get(gram, 0.0) for gram in _grams(word)) for word in words if _readable(word)}
    return strongest(credit, count)


def strongest(credit: dict[str, float], count: int = TERMS) -> tuple[str, ...]:
    """The best-credited terms, strongest first: positive, at least MIN_SHARE of the best, none inside another."""
    ranked = sorted((term for term in credit if credit[term] > 0), key=lambda term: -credit[term])
    chosen: list[str] = []
    for term in ranked:
        if len(chosen) == count or credit[term] < MIN_SHARE * credit[ranked[0]]:
            break
        if not any(term in kept or kept in term for kept in chosen):
            chosen.append(term)
    return tuple(chosen)


def _grams(word: str) -> set[str]:
    return {word[i : i + n] for n in (1, 2, 3) for i in range(len(word) - n + 1)}


def _readable(word: str) -> bool:
    """A word a person reads as a reason: an [emoticon], or letters/digits that are not a lone function character."""
    if word.startswith("[") and word.endswith("]"):
        return True
    return word.isalnum() and not (len(word) == 1 and (word in FUNCTION_CHARS or word.isascii()))
