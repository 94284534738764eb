"""Risk: clear cases, the output contract, explanations, the lexicon, the sentiment feature, the
stage, and the model file."""

from __future__ import annotations

import numpy as np
import pytest

from yuqing.analysis.pipeline import BASE_FIELDS, check_order
from yuqing.analysis.risk import RiskStage, classify_risk, score_match_form, sentiment_scores, shipped_risk_model
from yuqing.analysis.risk_features import LEXICON_TERM, LEXICON_TYPE, SENTIMENT, TYPES, WORD, lexicon, risk_features, word_features
from yuqing.analysis.risk_model import FIRST_TYPE, RiskModel, RiskModelError, explain_terms
from yuqing.analysis.segment import TokensStage
from yuqing.analysis.sentiment import SentimentStage, classify, shipped_model
from yuqing.analysis.sentiment_features import match_form

# Written for these tests (not taken from any data set): one clear incident per type.
INCIDENTS = {
    "事故灾难": "永城市今天下午一居民楼发生火灾，三人被困，消防正在救援",
    "自然灾害": "四川某县发生6.5级地震，灾区房屋倒塌，救灾人员已赶往震区",
    "公共卫生": "某小学上百名学生午饭后集体食物中毒，已送医院抢救",
    "社会安全": "男子持刀在街头砍人致两死三伤，嫌疑人已被警方抓获",
    # (not 「上百名农民工聚集在工地门口讨薪」: a gathering of a hundred reads as a mass incident, which
    # the labelling guide types 社会安全, and the binary type head says so since issue 14)
    "其他": "某局长被曝收受贿赂数百万元，纪委已介入调查",
}
CALM = [
    "今天天气真好，和朋友去公园玩得特别开心[哈哈]",
    "新款手机发布会定在下周三，大家期待吗",
    "转发微博",
    "晚安，明天又是新的一天",
]


def post(text: str, title: str = "") -> dict:
    return {"id": "t", "text": text, "title": title, "text_norm": match_form(text), "title_norm": match_form(title)}


def felt(text: str, title: str = "") -> dict:
    """A post as the risk stage receives it: after the sentiment stage."""
    posts = [post(text, title)]
    SentimentStage()(posts)
    return posts[0]


@pytest.mark.parametrize("kind", TYPES)
def test_clear_incidents_are_risk_posts_of_their_type(kind):
    """A clear incident is a risk post with a margin: its score at least 1.5 times the threshold (the
    score is the mean of three models' probabilities; the word model's stays low on a one-line post,
    and the threshold chosen for that mean is 0.2, so a clear incident need not reach 0.5)."""
    result = classify_risk([INCIDENTS[kind]])[0]
    assert result.label == 1 and result.score >= 1.5 * shipped_risk_model().threshold
    assert result.type == kind


@pytest.mark.parametrize("text", CALM)
def test_everyday_posts_are_not_risk_posts(text):
    result = classify_risk([text])[0]
    assert result.label == 0 and result.type is None and result.why == ()


def test_a_calm_report_of_a_fire_is_a_risk_post():
    """The issue's example: sentiment calls it neutral, the office calls it the post to watch."""
    result = classify_risk(["永城市今天发生火灾"])[0]
    assert result.label == 1 and result.type == "事故灾难"
    assert "火灾" in result.why


def test_explanations_name_readable_terms_that_pushed_toward_risk():
    result = classify_risk([INCIDENTS["事故灾难"]])[0]
    assert 1 <= len(result.why) <= 3
    text = INCIDENTS["事故灾难"]
    assert all(len(term) >= 2 and term in text for term in result.why)
    assert len(set(result.why)) == len(result.why)


def test_scores_stay_in_range_for_odd_input_and_empty_text_has_no_risk():
    texts = [*INCIDENTS.values(), *CALM, "", "   ", "😀" * 500, "a" * 20000, "\x00<b>&amp;</b>", LEXICON_TERM + "火灾"]
    results = classify_risk(texts)
    assert len(results) == len(texts)
    for result in results:
        assert 0.0 <= result.score <= 1.0 and result.label in (0, 1)
        assert (result.type in TYPES) if result.label else result.type is None
    assert results[len(INCIDENTS) + len(CALM)].score == 0.0


def test_results_are_deterministic_and_a_batch_equals_single_calls():
    texts = [*INCIDENTS.values(), *CALM]
    batch = classify_risk(texts)
    assert [classify_risk([t])[0] for t in texts] == batch
    assert score_match_form([("", match_form(t)) for t in texts] * 2) == batch * 2


def test_news_items_are_read_with_their_title():
    with_title = classify_risk(["记者从现场了解到，目前伤者已送医"], titles=["化工厂爆炸致多人受伤"])[0]
    body_only = classify_risk(["记者从现场了解到，目前伤者已送医"])[0]
    assert with_title.score > body_only.score and with_title.label == 1


def test_explanations_skip_fragments_that_overlap_a_better_term_in_the_text():
    weighed = [("紧急", 3.0), ("急通", 2.0), ("地震", 1.5), ("震区", 1.2), ("假币", 1.0)]
    text = "紧急通知：地震，救灾人员赶往震区，另有假币"
    assert explain_terms(weighed, text=text) == ("紧急", "地震", "震区")  # 地震 and 震区 lie apart in it
    assert explain_terms(weighed, text="紧急通知：新版假币，地震区") == ("紧急", "地震", "假币")
    assert explain_terms(weighed) == ("紧急", "急通", "地震")  # no text: no overlap known


def test_lexicon_terms_are_found_short_and_long_and_untrusted_text_cannot_forge_them():
    features = risk_features(match_form("昨晚发生交通事故，一人溺亡"))
    assert {LEXICON_TERM + "交通事故", LEXICON_TERM + "溺亡", LEXICON_TYPE + "事故灾难"} <= features.keys()
    assert features[LEXICON_TYPE + "事故灾难"] == pytest.approx(min(3, 4) / 3)
    assert risk_features(LEXICON_TERM + "火灾" + LEXICON_TYPE) == risk_features("火灾")
    assert all(kinds and set(kinds) <= set(TYPES) for kinds in lexicon().terms.values())


def test_weak_labels_take_the_type_most_distinct_lexicon_terms_signal_and_need_two():
    """The rule that types the stream's weak posts and the CCF news (risk_data.lexicon_type)."""
    from yuqing.analysis.evaluation.risk_data import lexicon_type

    assert lexicon_type(match_form("化工厂爆炸起火，消防正在救援")) == "事故灾难"  # 爆炸 起火 消防 救援
    assert lexicon_type(match_form("持刀歹徒砍人后被警方抓获")) == "社会安全"
    assert lexicon_type(match_form("爆炸爆炸爆炸")) is None  # one distinct term is not enough
    assert lexicon_type(match_form("今天天气真好")) is None


def test_stage_writes_what_classify_returns_and_fits_after_sentiment():
    """The stage reads the tokens stage's words; classify_risk cuts them itself, alike."""
    posts = [felt(t) for t in [*INCIDENTS.values(), *CALM]] + [felt("记者从现场了解到", title="化工厂爆炸")]
    TokensStage()(posts)
    assert posts[-1]["tokens"][:2] == ["化工厂", "爆炸"]  # the title's words first
    RiskStage()(posts)
    expected = classify_risk([*INCIDENTS.values(), *CALM]) + classify_risk(["记者从现场了解到"], titles=["化工厂爆炸"])
    assert [p["risk"] for p in posts] == [r.as_dict() for r in expected]
    given = BASE_FIELDS | {"text_norm", "title_norm", "grams"}
    check_order([SentimentStage(), TokensStage(), RiskStage()], given)
    with pytest.raises(Exception, match="sentiment"):
        check_order([TokensStage(), RiskStage(), SentimentStage()], given)
    with pytest.raises(Exception, match="tokens"):
        check_order([SentimentStage(), RiskStage(), TokensStage()], given)
    assert RiskStage().writes == ("risk",)


def test_the_shipped_model_reads_the_sentiment_score_and_a_more_negative_one_raises_risk():
    """Only the sentiment score differs: the risk score must move, upward as the tone darkens."""
    model = shipped_risk_model()
    assert model.reads_sentiment and model._sentiment_weight < 0
    text = match_form("市长今天视察了新建的公园，现场有群众反映问题")
    scores = [r.score for r in model.score([text] * 3, sentiments=[0.9, 0.0, -0.9])]
    assert scores[0] < scores[1] < scores[2]
    with pytest.raises(RiskModelError, match="sentiment"):
        model.score([text])


def test_the_stage_takes_the_score_the_sentiment_stage_wrote():
    text = "某小区今天停水，居民排队接水"
    posts = [felt(text), felt(text), felt(text)]
    posts[1]["sentiment"] = {"label": "positive", "score": 0.95}
    posts[2]["sentiment"] = {"label": "negative", "score": -0.95}
    RiskStage()(posts)
    assert posts[1]["risk"]["score"] < posts[0]["risk"]["score"] < posts[2]["risk"]["score"]
    assert posts[0]["risk"] == classify_risk([text])[0].as_dict()


def test_classify_risk_reads_the_score_the_sentiment_stage_would_write():
    """Outside the pipeline the sentiment model runs the same way: weibo head for a post, news
    head (with the title) for a news item."""
    items = [("", match_form("气死我了，小区又停水了")), (match_form("化工厂爆炸"), match_form("记者从现场了解到"))]
    assert sentiment_scores(items) == [classify(["气死我了，小区又停水了"])[0][1],
                                       classify(["记者从现场了解到"], "news", titles=["化工厂爆炸"])[0][1]]
    given = score_match_form(items, sentiments=sentiment_scores(items))
    assert score_match_form(items) == given
    assert score_match_form(items, sentiments=[-1.0, -1.0]) != given


def test_version_includes_the_sentiment_models_and_the_shipped_pair_belongs_together():
    """Retraining sentiment must mark risk stale (`yuqing reanalyze` compares versions), and the
    shipped risk model must have been trained on the shipped sentiment model's scores."""
    from types import SimpleNamespace

    sentiment = SentimentStage()
    stage = RiskStage(sentiment=sentiment)
    assert stage.version == f"{stage.model.version}+sentiment-{sentiment.version}+tokens-{TokensStage().version}"
    retrained = RiskStage(sentiment=SentimentStage(SimpleNamespace(version="0123456789ab")))
    assert retrained.version != stage.version and "+sentiment-0123456789ab+" in retrained.version
    assert RiskStage().version == stage.version  # by default, the shipped sentiment model
    assert shipped_risk_model().sentiment_version == shipped_model().version  # retrain risk after sentiment


def test_version_is_the_model_file_hash_and_changes_with_the_weights(tmp_path):
    stage = RiskStage()
    assert len(stage.model.version) == 12 and stage.model.version in stage.version
    model = stage.model
    def write(columns: int) -> None:
        np.savez_compressed(tmp_path / "risk.npz", features=np.frombuffer("火灾".encode(), dtype=np.uint8),
                            weights=np.zeros((2, columns), dtype=np.float16), bias=np.zeros(columns, dtype=np.float32))

    (tmp_path / "risk.json").write_text('{"threshold": 0.5}', encoding="utf-8")
    write(2 + len(TYPES))  # a file from before the word model: retrain, says the error
    with pytest.raises(RiskModelError, match="train_risk"):
        RiskModel.load(tmp_path)
    write(FIRST_TYPE + len(TYPES))
    other = RiskModel.load(tmp_path)
    assert other.version != model.version
    assert other.score(["火灾"])[0].score == 0.5
    assert not other.reads_sentiment and RiskStage(other).version == f"{other.version}+tokens-{TokensStage().version}"  # no sentiment


def test_a_missing_model_fails_loudly(tmp_path):
    with pytest.raises(Exception, match="train_risk"):
        RiskModel.load(tmp_path)


def test_shared_ngrams_give_the_same_results_as_computing_them_again():
    """The ngrams stage computes each text's n-grams once for sentiment and risk: same answers."""
    from yuqing.analysis.sentiment import SentimentStage
    from yuqing.analysis.sentiment_features import NgramStage

    texts = [*INCIDENTS.values(), *CALM, "x" * 700 + "火灾", LEXICON_TERM + "火灾" + LEXICON_TYPE + "事故灾难"]
    shared = [post(t) for t in texts] + [post("伤者已送医", title="化工厂爆炸")]
    alone = [dict(p) for p in shared]
    NgramStage()(shared)
    assert all("grams" in p for p in shared)
    for stage in (SentimentStage(), RiskStage()):
        stage(shared)
        stage(alone)
    assert [(p["sentiment"], p["risk"]) for p in shared] == [(p["sentiment"], p["risk"]) for p in alone]


def reference_score(model: RiskModel, text: str, sentiment: float) -> tuple[float, str, tuple[str, ...]]:
    """The model's formula written out plainly over risk_features and the sentiment score (the
    module docstring's): what the vectorised scoring must give. Returns the unrounded score, the
    type head's answer, and the explanation over every text feature."""
    from yuqing.analysis.risk_model import explain_terms

    rows = {name: row for row, name in enumerate(model.names) if row}
    weighed = [(name, rows[name], value) for name, value in risk_features(text).items() if name in rows]
    weights = model._weights.astype(np.float64)
    bias = model._bias.astype(np.float64)
    lr = bias[0] + sum(weights[row, 0] * value for _, row, value in weighed)  # over the feature values
    lr += weights[rows[SENTIMENT], 0] * sentiment  # the LR alone reads the sentiment score
    assert not weights[rows[SENTIMENT], 1:].any()
    nb = bias[1] + sum(weights[row, 1] for _, row, value in weighed if value > 0)  # over the binary features
    words = [(name, rows[name]) for name in word_features(text) if name in rows]
    word_logit = bias[2] + sum(weights[row, 2] for _, row in words)  # over the words present
    score = (1.0 / (1.0 + np.exp(-lr)) + 1.0 / (1.0 + np.exp(-nb)) + 1.0 / (1.0 + np.exp(-word_logit))) / 3
    types = bias[3:] + sum((weights[row, 3:] for _, row, value in weighed if value > 0), np.zeros(len(TYPES)))  # binary
    third, w = np.float32(3.0), model._weights  # (float32, as the runtime sums them)
    weighed_terms = [(name, float((w[row, 0] * np.float32(value) + w[row, 1]) / third)) for name, row, value in weighed]
    weighed_terms += [(name[1:], float(w[row, 2]) / 3.0) for name, row in words if " " not in name]  # single words
    why = explain_terms(weighed_terms, text=text)
    return float(score), TYPES[int(np.argmax(types))], why


PINNED = [  # written for these tests: incidents, calm posts, long lexicon terms, repeats, odd input
    *INCIDENTS.values(), *CALM, "昨晚发生交通事故，一人溺亡，另有群体性事件", "市长今天视察了新建的公园",
    "地震地震地震！！！房子在晃", "x" * 700 + "火灾", LEXICON_TERM + "火灾" + LEXICON_TYPE + "事故灾难",
    "据悉，该化工厂爆炸事故已造成3人死亡、12人受伤，事故原因正在调查中 http://t.cn/abc",
]


def test_scores_types_and_explanations_follow_the_formula_on_pinned_posts():
    """The stage's fast path (batched look-ups, lexicon only where flagged, bincount) gives the
    plain formula's answers: scores equal to float rounding, the same labels, types and terms."""
    model = RiskModel.load()
    texts = [match_form(t) for t in PINNED]
    sentiments = sentiment_scores([("", text) for text in texts])
    results = model.score(texts, sentiments=sentiments)
    for text, sentiment, result in zip(texts, sentiments, results, strict=True):
        score, kind, why = reference_score(model, text, sentiment)
        assert result.score == pytest.approx(score, abs=2e-4)
        assert result.label == int(score >= model.threshold)
        assert result.type == (kind if result.label else None)
        assert result.why == (why if result.label else ())
    assert model.types(texts) == [reference_score(model, t, s)[1] for t, s in zip(texts, sentiments)]
    assert sum(r.label for r in results) >= len(INCIDENTS) + 2  # the pins hold risk posts, not only calm ones


def test_explanations_skip_fragments_of_a_place_name():
    [fire] = classify_risk(["永城市今天发生火灾"])
    assert fire.label == 1 and "火灾" in fire.why and "城市" not in fire.why  # 城市 only as part of 永城市
    weighed = [("火灾", 2.0), ("城市", 1.5), ("今天", 0.5)]
    assert explain_terms(weighed, text="永城市今天发生火灾", places=[(0, 3)]) == ("火灾", "今天")
    assert explain_terms(weighed, text="城市道路旁永城市火灾", places=[(5, 8)]) == ("火灾", "城市", "今天")  # also a word of its own


def test_word_features_are_words_and_adjacent_pairs_each_once():
    features = word_features(match_form("火灾！火灾！三人被困"))
    assert features == list(dict.fromkeys(features)) and all(f.startswith(WORD) for f in features)
    assert {WORD + "火灾", WORD + "被困", WORD + "火灾 火灾", WORD + "三人 被困"} <= set(features)
    assert WORD + "！" not in features  # stop words and punctuation are not words


def test_the_word_model_moves_the_score():
    """The shipped file's third column is trained: a post's words change its score through it."""
    model = shipped_risk_model()
    [text] = [match_form(INCIDENTS["事故灾难"])]
    [with_words] = model.score([text], sentiments=[0.0])
    column = model._words_column.copy()
    model._words_column[:] = 0.0
    try:
        [without] = model.score([text], sentiments=[0.0])
    finally:
        model._words_column[:] = column
    assert with_words.score != without.score


def test_the_version_changes_with_the_words_the_tokens_stage_cuts():
    """Words the word model reads change with the tokens stage's user words: risk's version follows."""
    assert RiskStage(tokens=TokensStage()).version == RiskStage().version
    assert RiskStage(tokens=TokensStage(["永城火灾"])).version != RiskStage().version
