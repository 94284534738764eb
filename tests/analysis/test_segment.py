"""Segmentation, stop words, user words, keywords, and rjieba/jieba parity."""

from __future__ import annotations

import gzip
import itertools
import json
import logging
import sys

import pytest

from tests.shared_data import shared_path
from yuqing.analysis import accel
from yuqing.analysis.keywords import IdfTable, top_keywords
from yuqing.analysis.normalize import NormalizeStage, normalize_for_match
from yuqing.analysis.pipeline import Pipeline
from yuqing.analysis.segment import SegmentStage, Segmenter, stop_words

USER_WORDS = ["新冠疫苗", "武汉协和医院", "城关镇", "雄安 新区"]
SENTENCES = [
    "武汉协和医院今天接种新冠疫苗的人很多",
    "城关镇发生车祸，三人受伤，交警已到现场",
    "他在雄安新区上班，每天坐高铁",
    "南京市长江大桥今天封闭施工",
    "赞赞赞赞赞！这个视频太好笑了[哈哈]",
    "iphone15 发布会 5g手机 3.5折 san-ko a_b",
    "我们都觉得这件事情处理得不太好",
    "转发微博",
]


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter(USER_WORDS)


@pytest.fixture(scope="module")
def pure_python() -> Segmenter:
    return Segmenter(USER_WORDS, engine=accel.jieba_engine(prefer_compiled=False))


def tokens(segmenter: Segmenter, text: str) -> list[str]:
    return segmenter.tokenize(normalize_for_match(text))


def test_user_words_stay_whole(segmenter):
    assert tokens(segmenter, SENTENCES[0])[:2] == ["武汉协和医院", "今天"]
    assert "新冠疫苗" in tokens(segmenter, SENTENCES[0])
    assert tokens(segmenter, SENTENCES[1])[0] == "城关镇"


def test_user_word_with_a_space_is_added_as_its_parts(segmenter):
    # text never reaches the segmenter with a space inside a word, so the parts are the words
    assert {"雄安", "新区"} <= segmenter.user_words and "雄安 新区" not in segmenter.user_words


def test_without_user_words_they_are_split():
    plain = Segmenter()
    assert "新冠疫苗" not in tokens(plain, SENTENCES[0])


def test_stop_words_and_punctuation_removed(segmenter):
    # 我们, 都 and 得 are stop words; negations are kept on purpose
    assert tokens(segmenter, SENTENCES[6]) == ["觉得", "这件", "事情", "处理", "不太好"]
    assert tokens(segmenter, "他没有来！！") == ["没有", "来"]
    assert tokens(segmenter, SENTENCES[7]) == []
    assert {"的", "了", "我们", "转发微博"} <= stop_words()


def test_emoticons_are_tokens_and_links_and_names_are_not(segmenter):
    text = "回复@张三:太好笑了[哈哈] http://t.cn/abc //@李四:原文[泪]"
    assert tokens(segmenter, text) == ["好笑", "[哈哈]", "原文", "[泪]"]


def test_runs_of_one_character_stay_whole(segmenter):
    assert tokens(segmenter, SENTENCES[4])[0] == "赞赞赞赞赞"


def test_traditional_text_segments_like_simplified(segmenter):
    assert tokens(segmenter, "臺灣發生車禍") == tokens(segmenter, "台湾发生车祸") == ["台湾", "发生", "车祸"]


@pytest.mark.skipif(not accel.is_active("rjieba"), reason="rjieba is not installed here")
def test_rjieba_and_jieba_give_the_same_tokens(segmenter, pure_python):
    assert segmenter.engine.name == "rjieba" and pure_python.engine.name == "jieba"
    for sentence in SENTENCES:
        assert tokens(segmenter, sentence) == tokens(pure_python, sentence), sentence


@pytest.mark.slow
@pytest.mark.shared_data
@pytest.mark.skipif(not accel.is_active("rjieba"), reason="rjieba is not installed here")
def test_rjieba_and_jieba_agree_on_the_real_stream(segmenter, pure_python):
    path = shared_path("stream/ced_weibo_dev.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        texts = [t for t in (json.loads(line)["text"] for line in itertools.islice(lines, 30000)) if t]
    differing = [t for t in texts if tokens(segmenter, t) != tokens(pure_python, t)]
    # `bench/normalize_segment.py --parity`, over all 300,202 distinct stream and SMP2020 texts
    # with the gazetteer's place names added: 2 differ, at near-ties of the route or the HMM that
    # the two round differently (千万千万千万; 青春常在吖, log-probabilities 1.5e-7 apart).
    # None in this sample.
    assert differing == []


def test_fallback_is_chosen_and_logged(monkeypatch, caplog):
    monkeypatch.setenv("YUQING_PURE_PYTHON", "rjieba")
    with caplog.at_level(logging.INFO, logger="yuqing.analysis"):
        stage = SegmentStage(with_place_names=False)
    assert stage.segmenter.engine.name == "jieba"
    assert "jieba (pure Python" in caplog.text
    assert any(line.startswith("rjieba: not used; fallback jieba") for line in accel.report())


def test_report_names_every_compiled_dependency():
    lines = accel.report()
    assert [line.split(":")[0] for line in lines] == ["rjieba", "ahocorasick_rs"]


def test_missing_places_module_is_tolerated(monkeypatch):
    monkeypatch.setitem(sys.modules, "yuqing.analysis.places", None)  # import now raises ImportError
    stage = SegmentStage(["新冠疫苗"], with_place_names=True)
    assert stage.segmenter.user_words == {"新冠疫苗"}


def test_add_user_words_changes_version(segmenter):
    stage = SegmentStage(with_place_names=False)
    before = stage.version
    assert stage.add_user_words(["雄安新区", "x"]) == 1  # single characters are no words
    assert stage.version != before
    assert "雄安新区" in stage.tokenize("他在雄安新区上班")


# --- keywords ------------------------------------------------------------------------------


def test_keywords_ranked_by_tf_idf_title_counts_double():
    idf = IdfTable(learn=False)
    # jieba's IDF: 今天 4.98, 疫苗 7.18, 接种 7.63. Numbers, [faces] and single characters are
    # never keywords: they name no event.
    terms = ["今天", "疫苗", "疫苗", "接种", "今天", "3", "[泪]", "人"]
    assert top_keywords(terms, idf, 5) == ["疫苗", "今天", "接种"]  # 2×7.18 > 2×4.98 > 7.63
    assert top_keywords(terms, idf, 1, boosted=["接种"]) == ["接种"]  # 3×7.63 from the title
    assert top_keywords(["今天", "今天", "事情"], idf, 2) == ["今天", "事情"]


def test_keyword_ties_keep_first_use():
    idf = IdfTable(learn=False)
    assert top_keywords(["吃瓜", "新冠疫苗"], idf, 2) == ["吃瓜", "新冠疫苗"]  # both unknown: median
    assert top_keywords(["新冠疫苗", "吃瓜"], idf, 2) == ["新冠疫苗", "吃瓜"]


def test_idf_learns_from_the_stream():
    idf = IdfTable(learn=True, prior_documents=100)
    before = idf.weight("吃瓜")
    for _ in range(500):
        idf.add_document(["吃瓜", "群众"])
    assert idf.weight("吃瓜") < before
    fixed = IdfTable(learn=False)
    fixed.add_document(["吃瓜"])
    assert fixed.documents == 0


def test_idf_forgets_rarest_terms_beyond_its_limit():
    idf = IdfTable(max_terms=100)
    for index in range(200):
        idf.add_document(["常见", f"罕见{index}"])
    assert len(idf.counts) <= 100 and idf.counts["常见"] == 200


def test_stage_writes_tokens_and_keywords_after_normalize():
    batch = [
        {"id": "1", "text": "武漢協和醫院今天接種新冠疫苗的人很多", "title": "新冠疫苗接種"},
        {"id": "2", "text": "", "title": ""},
    ]
    stage = SegmentStage(USER_WORDS, keyword_count=3, with_place_names=False)
    Pipeline([NormalizeStage(), stage]).run(batch)
    assert batch[0]["tokens"][:2] == ["新冠疫苗", "接种"]  # title first
    assert batch[0]["keywords"][0] == "新冠疫苗"
    assert len(batch[0]["keywords"]) == 3
    assert batch[1]["tokens"] == [] and batch[1]["keywords"] == []


def test_the_segment_stage_keeps_the_tokens_stages_words_and_ranks_them_alike():
    """In the default pipeline the words are cut once, by the tokens stage (before risk); the
    segment stage, sharing its segmenter, keeps them and gives the keywords it would give alone."""
    from yuqing.analysis.segment import TokensStage

    texts = [("化工厂爆炸", "记者从现场了解到，永城市一化工厂发生爆炸"), ("", "今天天气真好[哈哈]"), ("", "")]
    shared = [{"title_norm": title, "text_norm": text} for title, text in texts]
    alone = [dict(post) for post in shared]
    tokens = TokensStage()
    tokens(shared)
    SegmentStage(segmenter=tokens.segmenter, learn_idf=False)(shared)
    SegmentStage(learn_idf=False)(alone)
    assert [(p["tokens"], p["keywords"]) for p in shared] == [(p["tokens"], p["keywords"]) for p in alone]
    assert shared[0]["tokens"][:2] == ["化工厂", "爆炸"]
    kept = [{"title_norm": "", "text_norm": "今天天气真好", "tokens": ["已切好"]}]
    SegmentStage(segmenter=tokens.segmenter, learn_idf=False)(kept)
    assert kept[0]["tokens"] == ["已切好"]  # not cut again
