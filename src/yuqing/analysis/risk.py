"""The risk stage: is a post a negative public matter a communications office would watch, and of
which 突发事件 type (自然灾害, 事故灾难, 公共卫生, 社会安全, 其他)?

    classify_risk(["永城市今天发生火灾，三人被困"])
        → [RiskResult(score=0.9…, label=1, type="事故灾难", why=("火灾", "被困"))]   (illustrative)

This answers a different question from sentiment: a calm report of a fire is written calmly, and
is the post a duty officer most needs. The model (risk_model.py, trained by scripts/train_risk.py
from the data named in docs/model-card-risk.md) reads a post's text, or a news item's title and
text, and the post's sentiment score as the sentiment stage wrote it (in the pipeline the risk
stage comes after sentiment; classify_risk runs the sentiment model itself, the same way). `why`
names the terms that weighed most toward risk, for the document page and the alert.
"""

from __future__ import annotations

from functools import cache

from yuqing.analysis.pipeline import Post
from yuqing.analysis.risk_features import risk_text
from yuqing.analysis.risk_model import RiskModel, RiskResult
from yuqing.analysis.sentiment import SentimentStage
from yuqing.analysis.sentiment_features import match_form
from yuqing.analysis.sentiment_model import Item

NO_RISK = RiskResult(0.0, 0, None, ())


@cache
def shipped_risk_model() -> RiskModel:
    """The model under analysis/models, loaded on first use and kept."""
    return RiskModel.load()


def classify_risk(texts: list[str], titles: list[str] | None = None, model: RiskModel | None = None) -> list[RiskResult]:
    """RiskResult per raw text (with its title, for news)."""
    titles = titles or [""] * len(texts)
    return score_match_form([(match_form(t), match_form(x)) for t, x in zip(titles, texts, strict=True)], model)


def sentiment_scores(items: list[Item], stage: SentimentStage | None = None) -> list[float]:
    """The sentiment stage's score of each (title, text) in match form: what the risk stage reads
    of a post in the pipeline (a post's from the weibo head, a titled item's from the news head)."""
    posts: list[Post] = [{"title_norm": title, "text_norm": text} for title, text in items]
    (stage or SentimentStage())(posts)
    return [post["sentiment"]["score"] for post in posts]


def score_match_form(items: list[Item], model: RiskModel | None = None,
                     text_grams: list[set[str] | None] | None = None,
                     sentiments: list[float] | None = None) -> list[RiskResult]:
    """As classify_risk, for (title, text) items already in match form; each distinct text and
    sentiment score is scored once.

    `text_grams`, where given, is each text's ngram_set(text, MAX_CHARS) (the ngrams stage's);
    `sentiments` each item's sentiment score (the sentiment stage's), computed here if not given."""
    model = model or shipped_risk_model()
    if sentiments is None:
        sentiments = sentiment_scores(items) if model.reads_sentiment else [0.0] * len(items)
    keys = [(risk_text(title, text), score) for (title, text), score in zip(items, sentiments, strict=True)]
    # A news item's title joins its text, so its n-grams are not the text's: computed again.
    grams_of = {key: grams for key, (title, _), grams in zip(keys, items, text_grams, strict=True) if not title} \
        if text_grams is not None else {}
    distinct = list(dict.fromkeys(key for key in keys if key[0] and not key[0].isspace()))
    results = model.score([text for text, _ in distinct], [grams_of.get(key) for key in distinct] if grams_of else None,
                          [score for _, score in distinct])
    known = dict(zip(distinct, results))
    return [known.get(key, NO_RISK) for key in keys]


class RiskStage:
    """Pipeline stage "risk": writes {"score", "label", "type", "why"}.

    Its version is the risk model's and, when the model reads the sentiment score, the sentiment
    model's too (`sentiment`: the pipeline's sentiment stage), so that retraining either makes
    `yuqing reanalyze` run it again."""

    name = "risk"
    reads = ("text_norm", "title_norm", "grams", "sentiment")
    writes = ("risk",)

    def __init__(self, model: RiskModel | None = None, sentiment: SentimentStage | None = None):
        self._model = model
        self._sentiment = sentiment

    @property
    def model(self) -> RiskModel:
        if self._model is None:
            self._model = shipped_risk_model()
        return self._model

    @property
    def version(self) -> str:
        if not self.model.reads_sentiment:
            return self.model.version
        return f"{self.model.version}+sentiment-{(self._sentiment or SentimentStage()).version}"

    def __call__(self, batch: list[Post]) -> None:
        items = [(post.get("title_norm") or "", post.get("text_norm") or "") for post in batch]
        grams = [post.get("grams") for post in batch]
        sentiments = [post["sentiment"]["score"] for post in batch]
        for post, result in zip(batch, score_match_form(items, self.model, grams, sentiments)):
            post["risk"] = result.as_dict()
