"""The sentiment stage: negative / neutral / positive, with a polarity score, for posts and news.

    classify(["气死我了，再也不来了"])  →  [("negative", -0.93)]   (illustrative)

The model (sentiment_model.py, trained by scripts/train_sentiment.py, described with its data and
dev scores in docs/model-card-sentiment.md) has two heads: "weibo" for posts and "news" for items
with a title. `score` is P(positive) − P(negative), in [-1, 1]: 0 for a text with no tone, and an
average over posts means something. The label is the most probable class after per-head offsets
tuned on the dev sets, so a neutral label can carry a small non-zero score.

A text that is empty after cleaning has no tone: ("neutral", 0.0), without asking the model.
The whole text is read, repost chain included (`我的话//@甲:原文`): a bare repost takes the tone
of what it passes on, and on the dev sets separating own words from quoted ones did not help.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from yuqing.analysis.pipeline import Post
from yuqing.analysis.sentiment_features import match_form, text_grams_limit
from yuqing.analysis.sentiment_model import LABELS, Item, SentimentModel

NO_TONE = ("neutral", 0.0)


@cache
def shipped_model() -> SentimentModel:
    """The model under analysis/models, loaded on first use (about 0.2 s) and kept."""
    return SentimentModel.load()


def classify(texts: list[str], domain: str = "weibo", titles: list[str] | None = None) -> list[tuple[str, float]]:
    """(label, score) per raw text; domain "weibo" for posts, "news" for articles (with their titles)."""
    titles = titles or [""] * len(texts)
    return classify_match_form([(match_form(title), match_form(text)) for title, text in zip(titles, texts, strict=True)], domain)


def classify_match_form(items: list[Item], domain: str, model: SentimentModel | None = None,
                        text_grams: list[set[str]] | None = None) -> list[tuple[str, float]]:
    """As classify, for (title, text) items already in match form (title_norm, text_norm).

    Each distinct item is scored once per call: a stream repeats itself (转发微博, copied posts).
    `text_grams` (the ngrams stage's `grams`) saves computing each text's n-grams again."""
    model = model or shipped_model()
    grams_of = dict(zip(items, text_grams)) if text_grams is not None and _fits(model, domain) else {}
    distinct = list(dict.fromkeys(item for item in items if item[0].strip() or item[1].strip()))
    known: dict[Item, tuple[str, float]] = {}
    if distinct:
        given = [grams_of.get(item) for item in distinct] if grams_of else None
        probabilities = model.probabilities(distinct, domain, given)
        labels = probabilities.argmax(axis=1)
        scores = np.round((probabilities[:, 2] - probabilities[:, 0]).astype(np.float64), 4)
        known = {item: (LABELS[label], score) for item, label, score in zip(distinct, labels.tolist(), scores.tolist())}
    return [known.get(item, NO_TONE) for item in items]


def _fits(model: SentimentModel, domain: str) -> bool:
    """Whether the ngrams stage read as far into a text as this head does (a retrained model may not)."""
    return model.head(domain).max_chars == text_grams_limit("" if domain == "weibo" else "title")


class SentimentStage:
    """Pipeline stage "sentiment": writes {"label", "score"}; a post with a title is read as news."""

    name = "sentiment"
    reads = ("text_norm", "title_norm", "grams")
    writes = ("sentiment",)

    def __init__(self, model: SentimentModel | None = None):
        self._model = model

    @property
    def model(self) -> SentimentModel:
        if self._model is None:
            self._model = shipped_model()
        return self._model

    @property
    def version(self) -> str:
        return self.model.version

    def __call__(self, batch: list[Post]) -> None:
        for domain, posts, items in _by_domain(batch):
            grams = [post.get("grams") for post in posts]
            for post, (label, score) in zip(posts, classify_match_form(items, domain, self.model, grams)):
                post["sentiment"] = {"label": label, "score": score}


def _by_domain(batch: list[Post]) -> list[tuple[str, list[Post], list[Item]]]:
    weibo: tuple[str, list[Post], list[Item]] = ("weibo", [], [])
    news: tuple[str, list[Post], list[Item]] = ("news", [], [])
    for post in batch:
        title = post.get("title_norm") or ""
        group = news if title else weibo
        group[1].append(post)
        group[2].append((title, post.get("text_norm") or ""))
    return [group for group in (weibo, news) if group[1]]
