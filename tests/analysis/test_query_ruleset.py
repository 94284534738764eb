"""The compiled matcher: many rules in one pass, only triggered rules evaluated, both automaton
backends identical. Its agreement with the reference evaluator: test_query_agreement.py."""

from __future__ import annotations

import random
from typing import Any

import pytest
from yuqing.analysis.query import RuleError, RuleSet, parse
from yuqing.analysis.query import automaton as automaton_module
from yuqing.analysis.query.automaton import Automaton
from yuqing.analysis.query.compiler import LiteralTable, trigger

PLACES = {"永城": ["411481"], "河南": ["41"]}


def resolve(name: str) -> list[str]:
    return PLACES.get(name, [])


def compile_rules(*expressions: str) -> RuleSet:
    return RuleSet.compile([(f"r{i}", e) for i, e in enumerate(expressions)], place_resolver=resolve)


def test_names_come_back_in_rule_order() -> None:
    rules = RuleSet.compile([("z", "事故"), ("a", "永城"), ("m", "-广告"), ("b", "火灾")])
    assert rules.match({"text": "永城发生事故"}) == ["z", "a", "m"]
    assert rules.match({"text": "永城广告"}) == ["a"]
    assert rules.match({"text": ""}) == ["m"]


def test_match_batch_equals_match_post_by_post() -> None:
    rules = compile_rules("永城 NEAR/3 事故", "title:永城", "site:qq.com -广告", "place:河南", "apple")
    posts = [
        {"title": "永城", "text": "永城车祸事故", "site": "news.qq.com"},
        {"text": "apple 广告", "site": "qq.com", "places": [{"code": "410100"}]},
        {"text": "pineapple"},
        {},
    ]
    assert rules.match_batch(posts) == [rules.match(post) for post in posts]
    assert rules.match_batch(posts) == [["r0", "r1", "r2"], ["r3", "r4"], [], []]


def test_near_in_the_body_does_not_see_a_title_occurrence() -> None:
    rules = compile_rules("永城 NEAR/2 事故", "title:永城 NEAR/2 title:事故")
    assert rules.match({"title": "永城", "text": "事故"}) == []
    assert rules.match({"title": "永城有事故", "text": ""}) == ["r0", "r1"]
    assert rules.match({"title": "", "text": "永城有事故"}) == ["r0"]


def test_a_bad_rule_names_its_number_name_and_position() -> None:
    with pytest.raises(RuleError) as caught:
        RuleSet.compile([("ok", "永城"), ("broken", "永城 AND (事故")])
    error = caught.value
    assert (error.rule_number, error.rule_name, error.position) == (1, "broken", 7)
    assert "rule 2 ('broken')" in str(error) and "never closed" in str(error)
    assert "第 2 条规则（broken）" in error.message_zh and "没有闭合" in error.message_zh


@pytest.mark.parametrize(
    "query, needed",
    [
        ("永城", {"永城"}),
        ("永城 交通事故", {"交通事故"}),  # the rarer (longer) literal of an AND
        ("永城 OR 商丘", {"永城", "商丘"}),
        ("(永城 OR 商丘) 交通事故", {"交通事故"}),
        ("永城 -广告", {"永城"}),
        ("-广告", None),  # NOT-only: may match with no literal present
        ("永城 OR -广告", None),
        ("永城 NEAR/5 事故", {"永城"}),
        ("site:qq.com 交通事故", {"交通事故"}),
    ],
)
def test_each_rule_is_indexed_under_a_necessary_literal(query: str, needed: set[str] | None) -> None:
    table = LiteralTable()
    ids = trigger(parse(query), table)
    names = {literal: ident for literal, ident in table.texts.items()}
    assert ids == (None if needed is None else frozenset(names[n] for n in needed))


def test_rules_whose_trigger_did_not_fire_are_not_evaluated() -> None:
    rules = compile_rules("永城 事故", "商丘 -广告", "site:qq.com 火灾", "-广告")
    evaluated: list[int] = []

    def spy(number: int, check: Any) -> Any:
        return lambda *args: evaluated.append(number) or check(*args)

    rules._checks = [spy(n, check) for n, check in enumerate(rules._checks)]  # white-box: count calls
    assert rules.match({"text": "永城新闻", "site": "qq.com"}) == ["r3"]
    assert sorted(evaluated) == [0, 3]  # 永城 fired r0; r3 has no trigger; r1, r2 were skipped


def test_metadata_only_rules_fire_without_any_text() -> None:
    rules = compile_rules("site:qq.com", "author:甲 OR 事故", "sentiment:负面 -广告", "lang:zh")
    post = {"text": "", "site": "qq.com", "author": "甲", "sentiment": {"label": "negative"}, "lang": "zh-CN"}
    assert rules.match(post) == ["r0", "r1", "r2", "r3"]
    assert rules.match({"text": "广告"}) == []


def test_an_empty_rule_set_matches_nothing() -> None:
    assert RuleSet.compile([]).match_batch([{"text": "x"}, {}]) == [[], []]


def test_both_automaton_backends_find_the_same_occurrences() -> None:
    rng = random.Random(3)
    alphabet = "永城事故交通ab "
    patterns = sorted({"".join(rng.choices(alphabet, k=rng.randint(1, 3))).strip() or "a" for _ in range(60)})
    text = "".join(rng.choices(alphabet + "\n", k=3000))
    rust = Automaton(patterns, backend="ahocorasick_rs").find(text)
    c = Automaton(patterns, backend="pyahocorasick").find(text)
    assert sorted(rust) == sorted(c)
    assert all(text[start:end] == patterns[index] for index, start, end in rust)


def test_rule_set_on_the_fallback_backend_gives_the_same_names(monkeypatch: pytest.MonkeyPatch) -> None:
    expressions = ("永城 NEAR/3 事故", "apple -pie", '"交通 事故" OR title:永城', "-广告")
    posts = [{"title": "永城", "text": "apple 交通 事故"}, {"text": "永城有事故 apple pie 广告"}]
    fast = compile_rules(*expressions).match_batch(posts)
    monkeypatch.setattr(automaton_module, "backend_name", lambda: "pyahocorasick")
    fallback = compile_rules(*expressions)
    assert fallback.backend == "pyahocorasick"
    assert fallback.match_batch(posts) == fast
