"""Golden cases for the normalize stage: repost chains, match form, entities, HTML."""

from __future__ import annotations

import gzip
import itertools
import json
import random

import pytest

from tests.shared_data import shared_path
from yuqing.analysis.normalize import (
    NormalizeStage,
    extract_entities,
    html_to_text,
    normalize_for_match,
    normalize_post,
    split_repost_chain,
)
from yuqing.analysis.pipeline import Pipeline


# --- repost chains -------------------------------------------------------------------------


def test_nested_chain_splits_own_words_from_quotes_nearest_first():
    own, chain = split_repost_chain("我的话//@甲:他的话//@乙:原文")
    assert own == "我的话"
    assert chain == [{"author": "甲", "text": "他的话"}, {"author": "乙", "text": "原文"}]


def test_full_width_colon_and_space_before_colon():
    own, chain = split_repost_chain("同意//@老张：说得对 //@小李 :原帖内容")
    assert own == "同意"
    assert chain == [{"author": "老张", "text": "说得对"}, {"author": "小李", "text": "原帖内容"}]


def test_repost_without_own_words_and_empty_quote():
    own, chain = split_repost_chain("//@甲://@乙:原文")
    assert own == ""
    assert chain == [{"author": "甲", "text": ""}, {"author": "乙", "text": "原文"}]


@pytest.mark.parametrize("text", ["转发微博", "转发微博。", "轉發微博", "Repost", "转发微博//@甲:原文"])
def test_repost_boilerplate_is_empty_own_words(text):
    assert split_repost_chain(text)[0] == ""


def test_no_chain_keeps_text_and_link_slashes():
    text = "看这个 http://t.cn/abc//x 很好"
    assert split_repost_chain(text) == (text, [])


def test_reply_prefix_is_not_own_words_but_a_mention():
    text = "回复@熊培云:对不起，我还以为你看了新闻"
    assert split_repost_chain(text) == ("对不起，我还以为你看了新闻", [])
    assert extract_entities(text)[1] == ["熊培云"]


def test_chain_authors_are_not_mentions():
    urls, mentions, topics, emoticons = extract_entities("好@丙 //@甲:快看@乙 //@丁:原文")
    assert mentions == ["丙", "乙"]


# --- match form ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("臺灣發生車禍", "台湾发生车祸"),
        ("衣服乾了", "衣服干了"),  # 乾 as dry is 干
        ("乾隆皇帝住在乾清宮", "乾隆皇帝住在乾清宫"),  # but not in names
        ("瞭解情況", "了解情况"),
        ("瞭望台", "瞭望台"),
        ("ＡＢＣ１２３", "abc123"),
        ("Hello ＷＯＲＬＤ", "hello world"),
        ("著名干部后来", "著名干部后来"),  # simplified text is left alone
    ],
)
def test_match_form(raw, expected):
    assert normalize_for_match(raw) == expected


def test_match_form_is_a_fixed_point():
    """薴 → 苧 → 苎 and 乾圖 → 乾图 (not 干图): the match form of a match form is itself."""
    from yuqing.analysis.t2s import _tables

    assert normalize_for_match("薴") == normalize_for_match("苧") == "苎"
    samples = [chr(code) for code in range(0x30000) if not 0xD800 <= code < 0xE000]
    samples += list(_tables().phrases.fixes)
    changed = [s for s in samples if normalize_for_match(normalize_for_match(s)) != normalize_for_match(s)]
    assert changed == []


def test_match_form_keeps_one_character_per_character():
    raw = "…™①臺灣ＡＢＣ😀İ"  # … and ™ would become 3 and 2 characters under NFKC: kept
    out = normalize_for_match(raw)
    assert len(out) == len(raw)
    assert out == "…™1台湾abc😀İ"


def test_text_norm_is_aligned_with_text_clean():
    post = {"id": "1", "text": "<b>臺北</b>  發生\u200b車禍，ＡＢＣ報導 [淚]", "title": ""}
    normalize_post(post)
    assert post["text_clean"] == "臺北 發生車禍，ＡＢＣ報導 [淚]"
    assert post["text_norm"] == "台北 发生车祸,abc报导 [泪]"
    assert len(post["text_norm"]) == len(post["text_clean"])


# --- entities and HTML ---------------------------------------------------------------------


def test_entities_in_order_deduplicated():
    text = "看http://t.cn/abc123，[泪][哈哈][泪] #话题一# @张三 @李四:你好 me@qq.com #话题一#"
    urls, mentions, topics, emoticons = extract_entities(text)
    assert urls == ["http://t.cn/abc123"]
    assert mentions == ["张三", "李四"]  # not the e-mail address
    assert topics == ["话题一"]
    assert emoticons == ["[泪]", "[哈哈]"]


def test_truncated_link_and_references_are_not_entities():
    urls, _, _, emoticons = extract_entities("这是链接：http: 见注释[1]")
    assert urls == [] and emoticons == []


def test_html_scripts_styles_removed_entities_decoded():
    html = "<p>你好&amp;<script>alert('x')</script>世界</p><style>p{color:red}</style><!-- c -->&lt;b&gt;"
    text = " ".join(html_to_text(html).split())
    assert text == "你好& 世界 <b>"


def test_angle_brackets_that_are_not_tags_stay():
    assert html_to_text("a<b 且 我<3你") == "a<b 且 我<3你"
    assert html_to_text("若x<y 且 y>z，<br/>则<B>x<z</B><o:p></o:p>") == "若x<y 且 y>z，\n则x<z"


# --- the stage -----------------------------------------------------------------------------


def test_stage_fills_every_field_it_declares():
    batch = [
        {"id": "1", "text": "转发微博", "title": None},
        {"id": "2", "text": "", "title": "標題"},
        {"id": "3", "text": "支持！//@甲:#話題# 加油[good]", "title": ""},
        {"id": "4", "text": 12345, "title": ""},  # a bad record is used, not dropped
    ]
    stage = NormalizeStage()
    Pipeline([stage]).run(batch)
    for post in batch:
        assert set(stage.writes) <= set(post)
    assert batch[0]["own_text"] == "" and batch[0]["text_norm"] == "转发微博"
    assert batch[1]["title_norm"] == "标题" and batch[1]["repost_chain"] == []
    assert batch[2]["own_text"] == "支持!"
    assert batch[2]["topics"] == ["話題"] and batch[2]["emoticons"] == ["[good]"]
    assert batch[3]["text_clean"] == "12345"


def test_lists_are_not_shared_between_posts():
    batch = [{"id": str(i), "text": "", "title": ""} for i in range(2)]
    NormalizeStage()(batch)
    batch[0]["urls"].append("x")
    assert batch[1]["urls"] == []


@pytest.mark.shared_data
def test_real_stream_posts_never_break_alignment():
    path = shared_path("stream/ced_weibo_dev.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        batch = [json.loads(line) for line in itertools.islice(lines, 20000)]
    NormalizeStage()(batch)
    for post in batch:
        assert post["text_norm"] == normalize_for_match(post["text_clean"])
        assert len(post["text_norm"]) == len(post["text_clean"])
        assert post["own_text"] == "" or post["own_text"] in post["text_norm"]


def test_random_input_never_breaks_the_stage():
    rng = random.Random(7)
    alphabet = "臺灣发生<>&;#＃@＠/:：[]泪 \n\u3000\u200bＡa1http://t.cn回复转发微博//@乾" + "".join(
        chr(rng.randrange(0x20, 0x30000)) for _ in range(200)
    )
    batch = [
        {"id": str(i), "text": "".join(rng.choices(alphabet, k=rng.randrange(0, 300))), "title": ""}
        for i in range(2000)
    ]
    NormalizeStage()(batch)
    for post in batch:
        assert len(post["text_norm"]) == len(post["text_clean"])
