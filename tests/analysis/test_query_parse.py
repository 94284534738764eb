"""The rule language's syntax: every construct, precedence, short and full-width forms, fields,
errors at their positions in both languages, and the canonical form."""

from __future__ import annotations

import dataclasses

import pytest

from yuqing.analysis.query import format, parse
from yuqing.analysis.query.ast import And, Near, Node, Not, Or, Term
from yuqing.errors import QueryError


def plain(node: Node) -> Node:
    """The tree without source positions, to compare structure only."""
    if isinstance(node, Term):
        return dataclasses.replace(node, start=0, end=0)
    if isinstance(node, Near):
        return Near(plain(node.left), plain(node.right), node.distance, node.ordered)  # type: ignore[arg-type]
    if isinstance(node, Not):
        return Not(plain(node.child))
    return type(node)(tuple(plain(child) for child in node.children))


def T(text: str, field: str | None = None, phrase: bool = False) -> Term:
    return Term(text, field, phrase)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("事故", T("事故")),
        ('"交通  事故"', T("交通 事故", phrase=True)),
        ("永城 事故", And((T("永城"), T("事故")))),
        ("永城 AND 事故", And((T("永城"), T("事故")))),
        ("永城 OR 商丘", Or((T("永城"), T("商丘")))),
        ("NOT 广告", Not(T("广告"))),
        ("永城 NEAR/10 事故", Near(T("永城"), T("事故"), 10, False)),
        ("永城 NEAR/10f 事故", Near(T("永城"), T("事故"), 10, True)),
        ("永城 near/3F 事故", Near(T("永城"), T("事故"), 3, True)),
        ("(a OR b) c", And((Or((T("a"), T("b"))), T("c")))),
    ],
)
def test_each_construct(query: str, expected: Node) -> None:
    assert plain(parse(query)) == expected


@pytest.mark.parametrize(
    "query, same_as",
    [
        ("a OR b c", "a OR (b AND c)"),  # AND binds tighter than OR
        ("NOT a OR b", "(NOT a) OR b"),  # NOT binds tighter than OR ...
        ("NOT a b", "(NOT a) AND b"),  # ... and than AND
        ("-a NEAR/3 b", "NOT (a NEAR/3 b)"),  # NEAR binds tightest
        ("a b OR c -d", "(a AND b) OR (c AND NOT d)"),
        ("a b c", "a AND (b AND c)"),  # chains flatten
        ("a OR (b OR c)", "a OR b OR c"),
    ],
)
def test_precedence(query: str, same_as: str) -> None:
    assert plain(parse(query)) == plain(parse(same_as))


@pytest.mark.parametrize(
    "query, same_as",
    [
        ("永城+事故|车祸", "永城 AND 事故 OR 车祸"),
        ("永城 -广告", "永城 AND NOT 广告"),
        ("永城 - 广告", "永城 AND NOT 广告"),
        ("永城＋（事故｜车祸）－广告", "永城 AND (事故 OR 车祸) AND NOT 广告"),
        ("“交通事故”", '"交通事故"'),
        ("”交通事故“", '"交通事故"'),  # IMEs mix up the two curly quotes; either closes
        ("永城 与 事故 或 非 广告", "永城 AND 事故 OR NOT 广告"),
        ("标题：永城", "title:永城"),
        ("ＴＩＴＬＥ：永城", "title:永城"),
        ("Title:永城", "title:永城"),
    ],
)
def test_short_and_full_width_forms(query: str, same_as: str) -> None:
    assert plain(parse(query)) == plain(parse(same_as))


def test_hyphen_inside_a_word_is_a_letter() -> None:
    assert plain(parse("COVID-19")) == T("covid-19")
    assert plain(parse("2023-01-05 永城-商丘")) == And((T("2023-01-05"), T("永城-商丘")))


def test_keywords_are_upper_case_only_so_lower_case_words_can_be_searched() -> None:
    assert plain(parse("rock and roll")) == And((T("rock"), T("and"), T("roll")))
    assert plain(parse("not or")) == And((T("not"), T("or")))
    assert plain(parse("near")) == T("near")


def test_chinese_keywords_only_when_standing_alone() -> None:
    assert plain(parse("或者")) == T("或者")
    assert plain(parse("与会代表")) == T("与会代表")
    assert plain(parse("非法集资")) == T("非法集资")


def test_terms_are_normalised_like_posts() -> None:
    assert parse("鄭州 ＡＢＣ Ｘ光").children == parse("郑州 abc x光").children  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("title:事故", T("事故", "title")),
        ("site:Weibo.COM", T("weibo.com", "site")),
        ("source:人民网", T("人民网", "source")),
        ('author:"Li Lei"', T("li lei", "author", phrase=True)),
        ("place:永城市", T("永城市", "place")),
        ("place:411481", T("411481", "place")),
        ("sentiment:负面", T("negative", "sentiment")),
        ("sentiment:Positive", T("positive", "sentiment")),
        ("情感：中性", T("neutral", "sentiment")),
        ("risk:1", T("1", "risk")),
        ("风险：否", T("0", "risk")),
        ("type:事故灾难", T("事故灾难", "type")),
        ("事件类型: Health", T("公共卫生", "type")),
        ("lang:zh_CN", T("zh-cn", "lang")),
        ("title: 事故", T("事故", "title")),  # a space after the colon is allowed
    ],
)
def test_fields(query: str, expected: Node) -> None:
    assert plain(parse(query)) == expected


def test_a_field_applies_to_the_next_term_only() -> None:
    assert plain(parse("title:永城 事故")) == And((T("永城", "title"), T("事故")))


def test_a_field_before_a_group_applies_to_every_term_inside() -> None:
    assert plain(parse("title:(永城 OR 商丘 NEAR/5 事故)")) == Or(
        (T("永城", "title"), Near(T("商丘", "title"), T("事故", "title"), 5))
    )


def test_a_field_inside_a_field_group_wins() -> None:
    assert plain(parse("title:(事故 site:qq.com)")) == And((T("事故", "title"), T("qq.com", "site")))


def test_negated_field() -> None:
    assert plain(parse("-site:qq.com")) == Not(T("qq.com", "site"))


def test_term_positions_point_into_the_query() -> None:
    term = parse("永城 title:“交通 事故”")
    assert isinstance(term, And)
    assert [(t.start, t.end) for t in term.children] == [(0, 2), (9, 16)]  # type: ignore[union-attr]


ERRORS = [
    ("", 0, "empty", "为空"),
    ("   ", 0, "empty", "为空"),
    ("(永城 事故", 0, "never closed", "没有闭合"),
    ("永城 事故)", 5, "no opening", "没有对应的左括号"),
    ("()", 0, "empty", "空的"),
    ("永城 AND", 3, "AND has nothing after it", "AND 后面缺少"),
    ("AND 永城", 0, "AND has nothing before it", "AND 前面缺少"),
    ("永城 OR OR 事故", 6, "OR has nothing before it", "OR 前面缺少"),
    ("永城 |", 3, "| has nothing after it", "| 后面缺少"),
    ("永城 -", 3, "- has nothing after it", "- 后面缺少"),
    ("(永城 OR) 事故", 4, "OR has nothing after it", "OR 后面缺少"),
    ("foo:bar", 0, "unknown field 'foo'", "字段“foo”不存在"),
    ("ｆｏｏ：bar", 0, "unknown field 'ｆｏｏ'", "字段“ｆｏｏ”不存在"),
    ("永城 http://x.cn", 3, "unknown field 'http'", "请加引号"),
    ("永城 NEAR 事故", 3, "needs a distance", "缺少距离"),
    ("永城 NEAR/ 事故", 3, "needs a distance", "缺少距离"),
    ("永城 NEAR/x 事故", 3, "needs a distance", "缺少距离"),
    ("(永城 商丘) NEAR/5 事故", 8, "single words or phrases", "单独的词或短语"),
    ("永城 NEAR/5 -事故", 3, "single words or phrases", "单独的词或短语"),
    ("永城 NEAR/5 (事故)", 3, "single words or phrases", "单独的词或短语"),
    ("a NEAR/2 b NEAR/3 c", 11, "exactly two terms", "只能连接两个词"),
    ("site:qq.com NEAR/5 事故", 12, "no position", "没有位置"),
    ("title:永城 NEAR/5 事故", 9, "same text", "同一处文字"),
    ('永城 "交通 事故', 3, "never closed", "没有闭合"),
    ("永城 “交通", 3, "never closed", "没有闭合"),
    ('""', 0, "nothing to search for", "没有可搜索的文字"),
    ("title:", 0, "title: needs a word", "title: 后面应紧跟"),
    ("title: -事故", 0, "title: needs a word", "title: 后面应紧跟"),
    ("sentiment:angry", 10, "negative, neutral or positive", "负面/中性/正面"),
    ("lang:中文", 5, "language code", "语言代码"),
    ("risk:high", 5, "1 (a risk post) or 0", "1（风险信息）或 0"),
    ("type:火灾", 5, "自然灾害, 事故灾难", "自然灾害/事故灾难/公共卫生/社会安全/其他"),
    ("site:https://weibo.com/x", 5, "domain", "域名"),
    ("(" * 70 + "a" + ")" * 70, 64, "64 deep", "64 层"),
]


@pytest.mark.parametrize("query, position, english, chinese", ERRORS)
def test_errors_say_where_and_why_in_both_languages(query: str, position: int, english: str, chinese: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(query)
    assert caught.value.position == position
    assert english in str(caught.value)
    assert chinese in caught.value.message_zh
    # the words count characters from 1, as people do; .position is the 0-based offset
    assert f"character {position + 1}" in str(caught.value)
    assert f"第 {position + 1} 个字符" in caught.value.message_zh


@pytest.mark.parametrize(
    "query, canonical",
    [
        ("永城+（事故｜車禍）－广告", "永城 AND (事故 OR 车祸) AND NOT 广告"),
        ("a OR b c", "a OR b AND c"),
        ("-(a b)", "NOT (a AND b)"),
        ("-(a OR b)", "NOT (a OR b)"),
        ("- -a", "NOT NOT a"),
        ("title:(A OR “交通 事故”)", 'title:a OR title:"交通 事故"'),
        ("永城 near/10F 事故", "永城 NEAR/10f 事故"),
        ("情感：负面 地区：永城", "sentiment:negative AND place:永城"),
        ('"and"', '"and"'),
        ('"AND"', '"and"'),  # normalised to lower case: a word again, but keeps its quotes (phrase)
        ('"-a"', '"-a"'),
        ('"title:x"', '"title:x"'),
    ],
)
def test_format_prints_the_canonical_form(query: str, canonical: str) -> None:
    assert format(parse(query)) == canonical


ROUND_TRIP = [
    "永城 NEAR/10 事故 OR title:(交通 -广告)",
    "(a OR b) (c OR d) -(e f)",
    'NOT "x y" OR site:qq.com sentiment:负面 lang:en place:4114',
    "a OR b OR (c NOT d NEAR/2f e)",
    "NOT (NOT a OR b)",
]


@pytest.mark.parametrize("query", ROUND_TRIP)
def test_format_reads_back_as_the_same_tree(query: str) -> None:
    tree = parse(query)
    assert plain(parse(format(tree))) == plain(tree)
    assert format(parse(format(tree))) == format(tree)


def test_a_rule_holds_at_most_the_configured_number_of_terms(monkeypatch):
    from yuqing.analysis.query.parser import MAX_TERMS

    parse(" OR ".join(f"词{n}" for n in range(MAX_TERMS)))
    with pytest.raises(QueryError, match=f"at most {MAX_TERMS} words"):
        parse(" OR ".join(f"词{n}" for n in range(MAX_TERMS + 1)))
    monkeypatch.setenv("YUQING_MAX_RULE_TERMS", "3")
    parse("甲 乙 丙")
    with pytest.raises(QueryError) as refused:
        parse("甲 乙 丙 丁")
    assert "at most 3 words" in str(refused.value) and "最多 3 个词" in refused.value.message_zh


@pytest.mark.parametrize("value", ["0", "901", "many", "-5"])
def test_a_rule_size_the_database_cannot_take_is_refused_at_start(monkeypatch, value):
    from yuqing.config import load
    from yuqing.errors import ConfigError

    monkeypatch.setenv("YUQING_MAX_RULE_TERMS", value)
    with pytest.raises(ConfigError, match="YUQING_MAX_RULE_TERMS"):
        load()
