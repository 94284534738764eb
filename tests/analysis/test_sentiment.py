"""Sentiment: clear cases, the output contract, determinism, the stage, and quality against the baseline."""

from __future__ import annotations

import pytest

from tests.shared_data import shared_path
from yuqing.analysis.pipeline import BASE_FIELDS, check_order
from yuqing.analysis.sentiment import SentimentStage, classify, classify_match_form
from yuqing.analysis.sentiment_features import TITLE_MARK, feature_groups, match_form, ngram_set

# Written for these tests (not taken from any data set).
NEGATIVE = [
    "气死我了，这家店的服务太差了，再也不来了[怒]",
    "排了三个小时的队，结果告诉我没票了，心态崩了[泪]",
    "太恶心了，这种人渣就应该被抓起来",
    "好难过，我家猫今天走了，哭了一整天",
]
POSITIVE = [
    "今天天气真好，和朋友去公园玩得特别开心[哈哈]",
    "谢谢大家的祝福，爱你们[爱你]",
    "这家餐厅太好吃了，强烈推荐，下次还来！",
    "致敬一线医护人员，你们辛苦了，加油！",
]
NEUTRAL = [
    "明天上午9点在市政府召开新闻发布会",
    "本周六地铁2号线部分站点调整运营时间，请乘客留意公告",
]


def post(text: str, title: str = "") -> dict:
    """A post as the normalize stage leaves it (the fields this stage reads)."""
    return {"id": "t", "text": text, "title": title, "text_norm": match_form(text), "title_norm": match_form(title)}


@pytest.mark.parametrize("text", NEGATIVE)
def test_clearly_negative_posts(text):
    label, score = classify([text])[0]
    assert label == "negative" and score < 0


@pytest.mark.parametrize("text", POSITIVE)
def test_clearly_positive_posts(text):
    label, score = classify([text])[0]
    assert label == "positive" and score > 0


@pytest.mark.parametrize("text", NEUTRAL)
def test_plain_announcements_are_neutral(text):
    assert classify([text])[0][0] == "neutral"


def test_labels_and_scores_stay_in_range_for_odd_input():
    texts = NEGATIVE + POSITIVE + NEUTRAL + ["", "   ", "😀" * 500, "http://t.cn/A6PqoMKY", "a" * 20000, "\x00<b>&amp;</b>"]
    results = classify(texts)
    assert len(results) == len(texts)
    for label, score in results:
        assert label in {"negative", "neutral", "positive"}
        assert isinstance(score, float) and -1.0 <= score <= 1.0


def test_an_empty_text_has_no_tone():
    assert classify(["", "  "]) == [("neutral", 0.0), ("neutral", 0.0)]


def test_results_are_deterministic_and_a_batch_equals_single_calls():
    texts = NEGATIVE + POSITIVE + NEUTRAL
    batch = classify(texts)
    assert classify(texts) == batch
    assert [classify([t])[0] for t in texts] == batch
    assert list(reversed(classify(list(reversed(texts))))) == batch


def test_repeated_items_in_a_batch_get_the_result_each_gets_alone():
    items = [("", match_form(t)) for t in NEGATIVE[:2] + POSITIVE[:1]]
    batch = items + [("", "转发微博")] * 3 + items[::-1] + [("  ", " ")]
    alone = {item: classify_match_form([item], "weibo")[0] for item in batch}
    assert classify_match_form(batch, "weibo") == [alone[item] for item in batch]
    assert alone[("  ", " ")] == ("neutral", 0.0)


def test_news_head_reads_title_and_body():
    label, _ = classify(["记者调查发现该公司长期违规经营，工人集体维权"], "news", titles=["某公司被曝拖欠工人工资三个月"])[0]
    assert label == "negative"
    with pytest.raises(ValueError):
        classify(["正文一", "正文二"], "news", titles=["只有一个标题"])
    with pytest.raises(Exception, match="no sentiment head"):
        classify(["x"], "podcast")


def test_stage_writes_what_classify_returns():
    posts = [post(t) for t in NEGATIVE + POSITIVE] + [post("工人集体维权", title="某公司被曝拖欠工资"), post("")]
    SentimentStage()(posts)
    expected = classify(NEGATIVE + POSITIVE) + classify(["工人集体维权"], "news", titles=["某公司被曝拖欠工资"]) + [("neutral", 0.0)]
    assert [(p["sentiment"]["label"], p["sentiment"]["score"]) for p in posts] == expected


def test_stage_contract_fits_after_normalize():
    normalize_writes = {"text_clean", "text_norm", "title_norm", "own_text", "repost_chain", "grams"}
    check_order([SentimentStage()], BASE_FIELDS | normalize_writes)
    stage = SentimentStage()
    assert stage.name == "sentiment" and stage.writes == ("sentiment",) and stage.version


def test_features_are_ngram_sets_without_links():
    grams = ngram_set("好开心http://t.cn/abc", 100)
    assert {"好", "好开", "好开心"} <= grams and not any("t.cn" in g for g in grams)
    assert ngram_set("abcdef", 2) == {"a", "b", "ab"}


def test_a_title_is_its_own_group_of_marked_features():
    body, title = feature_groups("标题党", "正文", 100)
    assert body == ngram_set("正文", 100)
    assert title == {TITLE_MARK + g for g in ngram_set("标题党", 100)}
    assert feature_groups("", "正文", 100) == [body]
    # Untrusted text cannot forge title features.
    assert feature_groups("", TITLE_MARK + "标题", 100) == [ngram_set("标题", 100)]


@pytest.mark.shared_data
@pytest.mark.slow
def test_shipped_model_reproduces_its_held_out_news_score():
    """CCF dev is held out of the shipped model; pruning and float16 weights must not change the
    score the trainer measured (and the model card reports) by more than a rounding."""
    root = shared_path("sentiment/ccf2019_news/dev.jsonl").parents[2]
    from yuqing.analysis.evaluation.sentiment import evaluate

    scores = evaluate(root)
    assert scores["sets"]["ccf_dev"]["seen_in_training"] is False
    measured = scores["cross_validated"]["ccf_dev_macro_f1_3class"]
    assert abs(scores["sets"]["ccf_dev"]["macro_f1_3class"] - measured) <= 0.01
    assert measured > scores["baseline"]["ccf_dev_macro_f1_3class"]


def test_version_is_the_model_file_hash_and_changes_with_the_weights(tmp_path):
    """So that `yuqing reanalyze` re-runs the stage when the model is retrained."""
    import json

    import numpy as np

    from yuqing.analysis import sentiment_file
    from yuqing.analysis.sentiment_model import SentimentModel

    shipped = SentimentStage().version
    assert len(shipped) == 12 and shipped != "1"
    meta = {"version": "1", "labels": ["negative", "neutral", "positive"], "heads": {"weibo": 0}, "max_chars": {"weibo": 500}}
    seen = []
    for value in (0.0, 1.0):  # (a value equal over the three classes would be the same model: softmax)
        sentiment_file.write(tmp_path / "sentiment.npz", ["差"], np.array([[[value, 0.0, -value]]]), np.zeros((1, 3)))
        (tmp_path / "sentiment.json").write_text(json.dumps(meta), encoding="utf-8")
        seen.append(SentimentStage(SentimentModel.load(tmp_path)).version)
        assert SentimentModel.load(tmp_path).version == seen[-1]  # the same file, the same version
    assert len(set(seen)) == 2 and shipped not in seen
