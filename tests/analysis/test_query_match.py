"""What a query matches (the reference evaluator): Chinese substrings, Latin whole words, phrases,
NEAR distances in characters and words, title-only terms and every metadata field."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from yuqing.analysis.query import fields, matches, parse
from yuqing.analysis.query.text import normalize_for_match, units_between
from yuqing.errors import QueryError


def hit(query: str, text: str = "", title: str = "", **meta: Any) -> bool:
    return matches(parse(query), {"text": text, "title": title, **meta}, place_resolver=lambda name: RESOLVER.get(name, []))


RESOLVER = {"永城": ["411481"], "商丘": ["411400000000"], "朝阳区": ["110105", "220104"]}


def test_chinese_terms_match_as_substrings_of_unsegmented_text() -> None:
    assert hit("事故", "永城发生一起重大交通事故")
    assert hit("交通事故 永城", "永城发生一起重大交通事故")
    assert not hit("火灾", "永城发生一起重大交通事故")


def test_posts_and_terms_are_normalised_the_same_way() -> None:
    assert hit("交通事故", "永城發生一起重大交通事故")  # traditional text, simplified term
    assert hit("發生", "永城发生")  # and the other way round
    assert hit("iphone", "新款ＩＰＨＯＮＥ发布")  # full-width, upper-case
    assert hit('"（永城）"', "据(永城)报道")


def test_a_rule_in_canonical_form_matches_what_the_rule_matched() -> None:
    from yuqing.analysis.query.canonical import format as canonical

    for query, text in (("薴麻", "薴麻"), ("薴麻", "苧麻"), ("乾圖", "乾圖"), ("乾圖", "乾图")):
        assert hit(query, text)
        assert hit(canonical(parse(query)), text), (query, canonical(parse(query)))


def test_the_normalize_stage_function_is_used_when_installed() -> None:
    stage = pytest.importorskip("yuqing.analysis.normalize")
    for sample in ("鄭州ＡＢＣ", "Ⅻ　全角"):
        assert normalize_for_match(sample) == stage.normalize_for_match(sample)


@pytest.mark.parametrize(
    "term, text, expected",
    [
        ("apple", "I like apple pie", True),
        ("apple", "pineapple juice", False),
        ("apple", "apples", False),
        ("apple", "apple,pie", True),
        ("5g", "5g网络", True),  # a CJK neighbour is a boundary
        ("5g", "15g", False),
        ("iphone手机", "买了iphone手机壳", True),  # the CJK end needs no boundary
        ("iphone手机", "myiphone手机", False),
        ("covid", "covid-19", True),  # a hyphen separates words
        ("和平", "世界和平", True),
        ("and", "rock and roll", True),
    ],
)
def test_latin_words_match_whole_words_and_chinese_anywhere(term: str, text: str, expected: bool) -> None:
    assert hit(term, text) is expected


def test_phrases_match_after_collapsing_whitespace() -> None:
    assert hit('"new  york"', "in New\n York city")
    assert not hit('"new york"', "newyork")
    assert not hit('"new york"', "renew yorkshire")  # whole words at both ends
    assert hit('"交通 事故"', "交通 事故")
    assert not hit('"交通 事故"', "交通事故")


# NEAR/n: at most n units strictly between the end of one occurrence and the start of the other.
# A unit is a CJK character or a Latin word (or number); spaces and punctuation are not units.
@pytest.mark.parametrize(
    "query, text, expected",
    [
        ("永城 NEAR/8 事故", "永城发生一起重大交通事故", True),  # 发生一起重大交通 = 8 characters
        ("永城 NEAR/7 事故", "永城发生一起重大交通事故", False),
        ("事故 NEAR/8 永城", "永城发生一起重大交通事故", True),  # unordered
        ("事故 NEAR/8f 永城", "永城发生一起重大交通事故", False),  # ordered: left first
        ("永城 NEAR/8f 事故", "永城发生一起重大交通事故", True),
        ("永城 NEAR/0 事故", "永城事故", True),
        ("永城 NEAR/0 事故", "永城，事故", True),  # punctuation is not a unit
        ("永城 NEAR/0 事故", "永城的事故", False),
        ("永城 NEAR/2 事故", "永城 ， 。！ 事 故", False),  # 事 故 is not 事故
        ("apple NEAR/2 pie", "apple and a pie", True),  # two words between
        ("apple NEAR/1 pie", "apple and a pie", False),
        ("apple NEAR/1 pie", "apple, 2024 pie", True),  # a number is one unit
        ("apple NEAR/2 事故", "apple发生了事故", False),  # 发生了: three characters
        ("apple NEAR/3 事故", "apple发生了事故", True),
        ("苹果 NEAR/1 事故", "苹果iphone事故", True),  # one Latin word between
        ("中国 NEAR/5 国人", "中国人", False),  # occurrences must be separate, not overlapping
        ("事故 NEAR/3 事故", "事故，又是事故", True),  # two occurrences of one term
        ("事故 NEAR/3 事故", "一起事故", False),
        ('"交通 事故" NEAR/1 永城', "交通 事故在永城", True),
    ],
)
def test_near_counts_units_between_the_two_terms(query: str, text: str, expected: bool) -> None:
    assert hit(query, text) is expected


def test_near_uses_the_nearest_pair_among_many_occurrences() -> None:
    text = "永城" + "很" * 20 + "事故" + "永城" + "好" * 20 + "永城" + "又" * 3 + "事故"
    assert hit("永城 NEAR/0 事故", text)  # 事故永城 touch
    assert hit("永城 NEAR/3f 事故", text)
    assert not hit("事故 NEAR/0f 永城", text.replace("事故永城", "事故一永城"))


def test_near_does_not_reach_across_title_and_body() -> None:
    assert not hit("永城 NEAR/5 事故", title="永城", text="事故")
    assert hit("永城 NEAR/5 事故", title="永城事故", text="")
    assert hit("title:永城 NEAR/5 title:事故", title="永城事故", text="")
    assert not hit("title:永城 NEAR/5 title:事故", title="", text="永城事故")


def test_units_between_counts_cjk_characters_and_latin_words() -> None:
    text = "发生了 big 事件, 2024年!"
    assert units_between(text, 0, len(text)) == 3 + 1 + 2 + 1 + 1


def test_title_field_searches_the_title_only() -> None:
    assert hit("title:永城", title="永城新闻", text="")
    assert not hit("title:永城", title="新闻", text="永城")
    assert hit("永城", title="永城新闻", text="")  # no field: title or body


def test_not_and_or() -> None:
    assert hit("永城 -广告", "永城事故")
    assert not hit("永城 -广告", "永城广告")
    assert hit("-广告", "")  # a NOT-only query matches posts without the term
    assert hit("广告 OR 永城", "永城")


@pytest.mark.parametrize(
    "query, meta, expected",
    [
        ("site:weibo.com", {"site": "weibo.com"}, True),
        ("site:weibo.com", {"site": "M.Weibo.com"}, True),  # subdomains are inside the site
        ("site:weibo.com", {"site": "notweibo.com"}, False),
        ("site:m.weibo.com", {"site": "weibo.com"}, False),
        ("author:li", {"author": "LI"}, True),
        ("author:li", {"author": "lili"}, False),  # an author is compared whole
        ('author:"li lei"', {"author": " Li  Lei "}, True),
        ("source:人民网", {"source": "人民网"}, True),
        ("sentiment:负面", {"sentiment": {"label": "negative", "score": -0.8}}, True),
        ("sentiment:negative", {"sentiment": {"label": "positive"}}, False),
        ("sentiment:negative", {"sentiment": "negative"}, True),
        ("lang:zh", {"lang": "zh-Hans"}, True),
        ("lang:zh-hans", {"lang": "zh"}, False),
        ("lang:en", {"lang": "zh"}, False),
        ("place:永城", {"places": [{"code": "411481"}]}, True),
        ("place:永城", {"places": [{"code": "411481100"}]}, True),  # a township inside 永城
        ("place:永城", {"places": [{"code": "411400"}]}, False),  # 商丘 city is not inside 永城
        ("place:商丘", {"places": [{"code": "411481"}]}, True),  # padded codes become prefixes
        ("place:410000", {"places": [{"code": "411481"}]}, True),  # 河南 by its padded code
        ("place:4114", {"places": [{"code": "410100"}]}, False),
        ("place:朝阳区", {"places": [{"code": "220104001"}]}, True),  # either 朝阳区
        ("site:weibo.com", {}, False),  # missing metadata never matches ...
        ("-site:weibo.com", {}, True),  # ... so its negation does
        ("site:weibo.com", {"site": None, "places": "odd"}, False),
        ("place:永城", {"places": [None, {"code": 411481}, {"code": "411481"}]}, True),
        ("sentiment:negative", {"sentiment": {"score": 1}}, False),
        ("risk:1", {"risk": {"label": 1, "type": "事故灾难", "score": 0.9}}, True),
        ("风险:是", {"risk": {"label": 1, "type": "事故灾难"}}, True),
        ("risk:0", {"risk": {"label": 1, "type": "事故灾难"}}, False),
        ("risk:0", {"risk": {"label": 0, "type": None}}, True),
        ("risk:0", {}, False),  # not analysed: neither risk nor not risk ...
        ("-risk:1", {}, True),  # ... so NOT risk:1 holds
        ("risk:1", {"risk": {"label": "1"}}, False),  # an odd value is no value
        ("type:事故灾难", {"risk": {"label": 1, "type": "事故灾难"}}, True),
        ("类型:accident", {"risk": {"label": 1, "type": "事故灾难"}}, True),
        ("type:公共卫生", {"risk": {"label": 1, "type": "事故灾难"}}, False),
        ("type:其他", {"risk": {"label": 0, "type": None}}, False),
        ("type:其他", {"type": "其他"}, False),  # the type is the risk stage's, not any "type" key
    ],
)
def test_metadata_fields(query: str, meta: dict[str, Any], expected: bool) -> None:
    assert hit(query, "正文", **meta) is expected


def test_an_unknown_place_name_is_an_error_at_its_position() -> None:
    with pytest.raises(QueryError) as caught:
        hit("事故 place:火星", "事故")
    assert caught.value.position == 9
    assert "火星" in str(caught.value) and "不是已知的地名" in caught.value.message_zh


@pytest.mark.slow  # loads the division gazetteer
@pytest.mark.parametrize("name", ["孙中山", "松山湖"])
def test_a_word_that_hides_a_place_name_is_no_place(name: str) -> None:
    # The gazetteer's blocker words (a person, a lake) name no place: a clear error, not a crash.
    with pytest.raises(QueryError) as caught:
        matches(parse(f"place:{name}"), {"text": "事故", "places": [{"code": "411481"}]})  # the default resolver
    assert "不是已知的地名" in caught.value.message_zh


@pytest.mark.slow  # loads the division gazetteer
def test_the_default_place_resolver_is_the_places_module() -> None:
    pytest.importorskip("yuqing.analysis.places")
    post = {"text": "", "places": [{"code": "411481"}]}
    assert matches(parse("place:永城市"), post)


def test_posts_already_normalised_are_used_as_they_are() -> None:
    post = {"text": "RAW", "text_norm": "永城事故", "title": "", "title_norm": ""}
    assert matches(parse("永城"), post) and not matches(parse("raw"), post)


@pytest.mark.parametrize("post", [{}, {"text": None}, {"text": 42, "title": ["x"]}, {"text_norm": None}])
def test_odd_posts_do_not_crash(post: dict[str, Any]) -> None:
    assert matches(parse("-事故"), post)
    assert not matches(parse("事故"), post)


def test_without_the_places_module_a_place_name_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "yuqing.analysis.places", None)  # makes the import fail
    fields._resolve_with_default.cache_clear()
    with pytest.raises(QueryError, match="division code") as caught:
        matches(parse("事故 place:永城"), {"text": "事故"})
    assert caught.value.position == 9 and "区划代码" in caught.value.message_zh
    assert matches(parse("place:411481"), {"places": [{"code": "411481001"}]})  # codes need no lookup
