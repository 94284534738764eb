"""What the sentiment model sees of a text: the sets of its character 1-, 2- and 3-grams.

Training (scripts/train_sentiment.py) and inference both call `ngram_set` on text in match form
(`match_form` for raw text, text_norm/title_norm as the normalize stage writes them), so a model
can never be scored on features other than those it learnt from. Links are dropped first: a
t.cn address is dozens of n-grams that say nothing about feelings. A text is cut to its first
`max_chars` characters, which bounds the cost of very long posts and pages; the opening of a post
or article carries its tone.

A news item is two groups: its body's n-grams and its title's, the latter marked with TITLE_MARK
so that they are features of their own (a headline's tone weighs differently from the body's; on
CCF 2019 dev separate title features raised 3-class macro-F1 from 0.69 to 0.73). Each group is
scaled by 1/sqrt(its size) on its own.

Character n-grams rather than words: on the dev sets, words added nothing that the 2- and
3-grams did not already hold (docs/model-card-sentiment.md), and they would cost a segmenter
call per post. Emoticons such as [泪] and [怒] are covered by their n-grams ("[泪", "泪]").
"""

from __future__ import annotations

from yuqing.analysis.t2s import to_match_form
from yuqing.analysis.weibo_text import URL_RE, clean_text

NGRAM_SIZES = (1, 2, 3)
TITLE_MARK = "\ue000"  # a private-use character: never in text that reaches the model
TITLE_MAX_CHARS = 200
POST_MAX_CHARS, NEWS_MAX_CHARS = 500, 3000  # the sentiment heads' max_chars (weibo, news)


def match_form(text: str) -> str:
    """Raw text as the normalize stage would make it: clean text, then its match form."""
    return to_match_form(clean_text(text)) if text else ""


def feature_groups(title: str, text: str, max_chars: int, text_grams: set[str] | None = None) -> list[set[str]]:
    """The n-gram groups an item is scored on: its text's, then (if it has one) its marked title's.

    `text_grams`, when given, is ngram_set(text, max_chars) computed earlier (the ngrams stage)."""
    groups = [ngram_set(text, max_chars) if text_grams is None else text_grams]
    if title:
        groups.append({TITLE_MARK + gram for gram in ngram_set(title, TITLE_MAX_CHARS)})
    return groups


def ngram_set(text: str, max_chars: int) -> set[str]:
    """The distinct character 1-3-grams of `text` (match form), links and TITLE_MARK removed, cut to max_chars."""
    if "://" in text:
        text = URL_RE.sub(" ", text)
    if TITLE_MARK in text:
        text = text.replace(TITLE_MARK, "")
    text = text[:max_chars]
    size = len(text)
    grams = set(text)
    grams.update([text[i : i + 2] for i in range(size - 1)])
    grams.update([text[i : i + 3] for i in range(size - 2)])
    return grams


def text_grams_limit(title: str) -> int:
    """How much of a text its n-gram set covers: an article's body (it has a title) reads further."""
    return NEWS_MAX_CHARS if title else POST_MAX_CHARS


class NgramStage:
    """Pipeline stage "ngrams": each post's text n-gram set, computed once for sentiment and risk.

    `grams` is ngram_set(text_norm, 500 characters for a post, 3,000 for an item with a title)."""

    name = "ngrams"
    version = "1"
    reads = ("text_norm", "title_norm")
    writes = ("grams",)

    def __call__(self, batch: list[dict]) -> None:
        known: dict[tuple[str, int], set[str]] = {}  # a stream repeats itself: 转发微博, copied posts
        for post in batch:
            key = (post.get("text_norm") or "", text_grams_limit(post.get("title_norm") or ""))
            grams = known.get(key)
            if grams is None:
                grams = known[key] = ngram_set(*key)
            post["grams"] = grams
