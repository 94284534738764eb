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
from operator import ne

from yuqing.analysis.pipeline import Post
from yuqing.analysis.risk_features import risk_text
from yuqing.analysis.risk_model import RiskModel, RiskResult
from yuqing.analysis.segment import TokensStage, default_segmenter, tokens_version
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
    """As classify_risk, for (title, text) items already in match form.

    `text_grams`, where given, is each text's ngram_set(text, MAX_CHARS) (the ngrams stage's);
    `sentiments` each item's sentiment score (the sentiment stage's), computed here if not given."""
    model = model or shipped_risk_model()
    if sentiments is None:
        sentiments = sentiment_scores(items) if model.reads_sentiment else [0.0] * len(items)
    texts = [risk_text(title, text) for title, text in items]
    # A news item's title joins its text, so its n-grams are not the text's: computed again.
    grams = [None if title else g for (title, _), g in zip(items, text_grams, strict=True)] if text_grams else None
    return score_texts(texts, sentiments, model, grams)


def score_texts(texts: list[str], sentiments: list[float], model: RiskModel,
                text_grams: list[set[str] | None] | None = None,
                words: list[list[str] | None] | None = None) -> list[RiskResult]:
    """RiskResult per risk_text and sentiment score; each distinct pair is scored once.

    Keyed by the text alone unless one text comes with two scores (a rare split of title and
    text): pairs would be a tuple per post for the garbage collector to count, whose full
    collections then land in later stages (bench/pipeline.py's rules stage paid for them)."""
    sentiment_of = dict(zip(texts, sentiments))
    keys: list = texts
    if any(map(ne, map(sentiment_of.__getitem__, texts), sentiments)):
        keys = list(zip(texts, sentiments))
    last = dict(zip(keys, range(len(keys))))
    chosen = [i for i in last.values() if texts[i] and not texts[i].isspace()]
    results = model.score([texts[i] for i in chosen], [text_grams[i] for i in chosen] if text_grams else None,
                          [sentiments[i] for i in chosen], [words[i] for i in chosen] if words else None)
    known = dict(zip([keys[i] for i in chosen], results))
    return [known.get(key, NO_RISK) for key in keys]


class RiskStage:
    """Pipeline stage "risk": writes {"score", "label", "type", "why"}.

    Its version is the risk model's and, when the model reads the sentiment score, the sentiment
    model's too (`sentiment`: the pipeline's sentiment stage), so that retraining either makes
    `yuqing reanalyze` run it again; and the tokens stage's (`tokens`), whose words its word model
    reads (a post without tokens has its words cut as the tokens stage would without user words)."""

    name = "risk"
    reads = ("text_norm", "title_norm", "grams", "sentiment", "tokens")
    writes = ("risk",)

    def __init__(self, model: RiskModel | None = None, sentiment: SentimentStage | None = None,
                 tokens: TokensStage | None = None):
        self._model = model
        self._sentiment = sentiment
        self._tokens = tokens

    @property
    def model(self) -> RiskModel:
        if self._model is None:
            self._model = shipped_risk_model()
        return self._model

    @property
    def version(self) -> str:
        version = self.model.version
        if self.model.reads_sentiment:
            version += f"+sentiment-{(self._sentiment or SentimentStage()).version}"
        return version + f"+tokens-{self._tokens.version if self._tokens else tokens_version(default_segmenter())}"

    def __call__(self, batch: list[Post]) -> None:
        texts: list[str] = []
        grams: list[set[str] | None] = []
        for post in batch:
            # A post's `grams` are its text's, which is all the risk model reads of its text; a
            # news item's title joins its text, so its n-grams are computed later.
            title = post.get("title_norm")
            texts.append(risk_text(title, post.get("text_norm") or "") if title else post.get("text_norm") or "")
            grams.append(None if title else post.get("grams"))
        sentiments = [post["sentiment"]["score"] for post in batch]
        words = [post.get("tokens") for post in batch]
        for post, result in zip(batch, score_texts(texts, sentiments, self.model, grams, words)):
            post["risk"] = result.as_dict()
