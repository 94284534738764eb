"""The pieces event clustering compares: terms of a post's opening, places on one branch, coverage."""

from __future__ import annotations

from yuqing.analysis.event_signature import LEAD_TOKENS, coverage, place_relation, post_places, post_terms, post_text, score


def test_terms_are_keywords_then_the_opening_words_with_numbers_and_no_emoticons() -> None:
    tokens = ["永城", "家具城", "起火", "[怒]", "3", "32", "消防车"] + [f"词{i}" for i in range(LEAD_TOKENS)] + ["结尾词"]
    terms = post_terms({"keywords": ["火灾", "永城"], "tokens": tokens})
    assert terms[:5] == ["火灾", "永城", "家具城", "起火", "32"]
    assert "[怒]" not in terms and "3" not in terms and "结尾词" not in terms  # past the opening


def test_places_count_in_the_title_and_the_opening_only() -> None:
    post = {"places": [{"code": "411481", "start": 5, "field": "text"}, {"code": "3301", "start": 900, "field": "text"},
                       {"code": "44", "start": 950, "field": "title"}]}
    assert post_places(post) == ("411481", "44")


def test_place_relation_agrees_on_a_branch_below_the_province_and_conflicts_across_branches() -> None:
    assert place_relation(("411481",), ("4114",)) == 1  # 永城市 lies in 商丘市
    assert place_relation(("41",), ("411481",)) == 0  # only the province: no evidence either way
    assert place_relation(("41",), ("41",)) == 0
    assert place_relation(("411481",), ("330106",)) == -1  # 永城 and 杭州西湖区
    assert place_relation((), ("330106",)) == 0


def test_coverage_weighs_the_terms_found_as_substrings() -> None:
    share, hits = coverage({"槽罐车": 0.8, "硫酸": 0.6, "奎屯": 0.1}, "一辆装载硫酸的槽罐车失控")
    assert hits == ["槽罐车", "硫酸"] and round(share, 3) == round(1.4 / 1.5, 3)


def test_score_is_minus_one_when_places_conflict() -> None:
    assert score(0.9, 0.9, -1) == -1.0
    assert score(0.4, 0.6, 1) > score(0.4, 0.6, 0) == 0.5


def test_post_text_puts_the_title_first_and_cuts() -> None:
    assert post_text({"title_norm": "标题", "text_norm": "正文" * 600}).startswith("标题\n正文")
    assert len(post_text({"title_norm": "", "text_norm": "字" * 5000})) == 1000
    assert post_text({"title": "t", "text": "raw"}) == "t\nraw"  # never normalised: the raw fields
