"""What the risk model sees of a post: its character 1-3-grams and the incident terms it holds.

The n-grams are the sentiment model's (`sentiment_features.ngram_set`, text in match form, links
dropped). On top of them, a curated lexicon of incident terms per 突发事件 type
(data/risk_lexicon.txt, written by hand from the Emergency Response Law's categories and the
labelling guide, never from labelled posts) adds two kinds of features: one per term found
(LEXICON_TERM + term, value 1) and one per type (LEXICON_TYPE + type, value min(distinct terms, 3)/3).
On the 1,200 labelled posts the lexicon features raised cross-validated risk F1 by about five
points over the n-grams alone (docs/model-card-risk.md).

The n-gram features are scaled by 1/sqrt(their count), as in the sentiment model, so a long post
does not outweigh a short one. A news item is read as its title, a space, and its text.

One more feature is not read off the text: SENTIMENT, the post's sentiment score P(positive) −
P(negative) as the sentiment stage wrote it (`post["sentiment"]["score"]`; the weibo head for a
post, the news head for an item with a title). Only the risk logistic regression reads it (the
NB-SVM and the type head read binary features, which it is not); on the 1,200 labelled posts it
raised cross-validated risk F1 by about a point and a half (docs/model-card-risk.md).

A third risk model reads the text's *words* instead (`word_features`): the post's tokens as the
pipeline's tokens stage cuts them (segment.py: jieba's dictionary and the place names, stop words
removed; the whole text, title words first) and each pair of adjacent words, marked WORD. Beside
the two models over n-grams it raised cross-validated risk F1 by about a point (issue 14, tenth
round, docs/model-card-risk.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from math import sqrt
from pathlib import Path

from yuqing.analysis.sentiment_features import ngram_set

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "risk_lexicon.txt"
TYPES = ("自然灾害", "事故灾难", "公共卫生", "社会安全", "其他")
LEXICON_TERM = "\ue001"  # private-use marks: never in text that reaches the model
LEXICON_TYPE = "\ue002"
SENTIMENT = "\ue003sentiment"  # the sentiment score's feature: longer than any n-gram, so no text has it
WORD = "\ue004"  # a word feature: WORD + word, or WORD + word + " " + the next word
MARKS = (LEXICON_TERM, LEXICON_TYPE, WORD)
MAX_CHARS = 500  # as the ngrams stage reads a post, so its `grams` serve here too


@dataclass(frozen=True)
class Lexicon:
    """Incident terms per type; terms of up to 3 characters are found among a post's n-grams."""

    terms: dict[str, tuple[str, ...]]  # term → the types it signals
    short: frozenset[str]
    long_by_prefix: dict[str, tuple[str, ...]]  # first 3 characters → longer terms starting so

    def found(self, text: str, grams: set[str]) -> list[str]:
        """The lexicon's terms that occur in `text` (whose n-gram set is `grams`)."""
        hits = list(self.short.intersection(grams))
        for prefix in self.long_by_prefix.keys() & grams:
            hits += [term for term in self.long_by_prefix[prefix] if term in text]
        return hits


@cache
def lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The shipped lexicon, read once: lines `type: term term …`, `#` comments."""
    terms: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or ":" not in line:
            continue
        kind, _, words = line.partition(":")
        for word in words.split():
            terms[word] = terms.get(word, ()) + (kind.strip(),)
    long_terms: dict[str, tuple[str, ...]] = {}
    for term in (t for t in terms if len(t) > 3):
        long_terms[term[:3]] = long_terms.get(term[:3], ()) + (term,)
    return Lexicon(terms, frozenset(t for t in terms if len(t) <= 3), long_terms)


def risk_text(title: str, text: str) -> str:
    """The one text an item is scored on (match form): a title, then its body."""
    return f"{title} {text}" if title else text


def without_marks(text: str) -> str:
    """Untrusted text cannot forge lexicon or word features: the private-use marks are removed."""
    for mark in MARKS:
        if mark in text:
            text = text.replace(mark, "")
    return text


def lexicon_features(text: str, grams: set[str], lex: Lexicon | None = None) -> dict[str, float]:
    """The lexicon's features of a text (match form, no marks) whose n-gram set is `grams`."""
    lex = lex or lexicon()
    features: dict[str, float] = {}
    per_type: dict[str, int] = {}
    for term in lex.found(text[:MAX_CHARS], grams):
        features[LEXICON_TERM + term] = 1.0
        for kind in lex.terms[term]:
            per_type[kind] = per_type.get(kind, 0) + 1
    for kind, count in per_type.items():
        features[LEXICON_TYPE + kind] = min(count, 3) / 3
    return features


def risk_features(text: str, lex: Lexicon | None = None) -> dict[str, float]:
    """Feature → value for a text in match form (see the module docstring)."""
    text = without_marks(text)
    grams = ngram_set(text, MAX_CHARS)
    features = dict.fromkeys(grams, 1.0 / sqrt(len(grams) or 1))
    features.update(lexicon_features(text, grams, lex))
    return features


def words_and_pairs(words: list[str]) -> list[str]:
    """Words, then each pair of adjacent words ("a b"), in order, repeats included (as features each counts once)."""
    return words + list(map(" ".join, zip(words, words[1:])))


def text_words(text: str) -> list[str]:
    """A text's words (match form) as the pipeline's tokens stage cuts them when no user words are
    configured (segment.default_segmenter: jieba's dictionary and the place names)."""
    from yuqing.analysis.segment import default_segmenter  # (jieba's dictionary loads on first use)

    return default_segmenter().tokenize(without_marks(text))


def word_features(text: str) -> list[str]:
    """The word features of a text (see the module docstring), as training reads them: marked, each
    once, in the order first found (a word said twice counts once)."""
    return [WORD + feature for feature in dict.fromkeys(words_and_pairs(text_words(text)))]
