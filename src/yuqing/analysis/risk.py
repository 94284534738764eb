"""The risk stage: is a post a negative public matter a communications office would watch, and of
which 突发事件 type (自然灾害, 事故灾难, 公共卫生, 社会安全, 其他)?

    classify_risk(["永城市今天发生火灾，三人被困"])
        → [RiskResult(score=0.9…, label=1, type="事故灾难", why=("火灾", "被困"))]   (illustrative)

This answers a different question from sentiment: a calm report of a fire is written calmly, and
is the post a duty officer most needs. The model (risk_model.py, trained by scripts/train_risk.py
from the data named in docs/model-card-risk.md) reads a post's text, or a news item's title and
text. `why` names the terms that weighed most toward risk, for the document page and the alert.
"""

from __future__ import annotations

from functools import cache

from yuqing.analysis.pipeline import Post
from yuqing.analysis.risk_features import risk_text
from yuqing.analysis.risk_model import RiskModel, RiskResult
from yuqing.analysis.sentiment_features import match_form

NO_RISK = RiskResult(0.0, 0, None, ())


@cache
def shipped_risk_model() -> RiskModel:
    """The model under analysis/models, loaded on first use and kept."""
    return RiskModel.load()


def classify_risk(texts: list[str], titles: list[str] | None = None, model: RiskModel | None = None) -> list[RiskResult]:
    """RiskResult per raw text (with its title, for news)."""
    titles = titles or [""] * len(texts)
    return score_match_form([risk_text(match_form(t), match_form(x)) for t, x in zip(titles, texts, strict=True)], model)


def score_match_form(texts: list[str], model: RiskModel | None = None,
                     text_grams: list[set[str] | None] | None = None) -> list[RiskResult]:
    """As classify_risk, for texts already in match form; each distinct text is scored once.

    `text_grams`, where given, is each text's ngram_set(text, MAX_CHARS) (the ngrams stage's)."""
    model = model or shipped_risk_model()
    grams_of = dict(zip(texts, text_grams, strict=True)) if text_grams is not None else {}
    distinct = list(dict.fromkeys(text for text in texts if text and not text.isspace()))
    known = dict(zip(distinct, model.score(distinct, [grams_of.get(t) for t in distinct] if grams_of else None)))
    return [known.get(text, NO_RISK) for text in texts]


class RiskStage:
    """Pipeline stage "risk": writes {"score", "label", "type", "why"}."""

    name = "risk"
    reads = ("text_norm", "title_norm", "grams")
    writes = ("risk",)

    def __init__(self, model: RiskModel | None = None):
        self._model = model

    @property
    def model(self) -> RiskModel:
        if self._model is None:
            self._model = shipped_risk_model()
        return self._model

    @property
    def version(self) -> str:
        return self.model.version

    def __call__(self, batch: list[Post]) -> None:
        texts: list[str] = []
        grams: list[set[str] | None] = []
        for post in batch:
            # A post's `grams` are its text's, which is all the risk model reads of it; a news
            # item's title joins its text, so its n-grams are computed here.
            title = post.get("title_norm")
            texts.append(risk_text(title, post.get("text_norm") or "") if title else post.get("text_norm") or "")
            grams.append(None if title else post.get("grams"))
        for post, result in zip(batch, score_match_form(texts, self.model, grams)):
            post["risk"] = result.as_dict()
