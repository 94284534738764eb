"""Why a post reads as negative: words of the post, strongest first, from the sentiment model."""

from __future__ import annotations

from yuqing.analysis.explain import negative_terms, strongest
from yuqing.analysis.sentiment import classify


def test_the_words_that_made_a_post_negative_are_named():
    text = "气死我了，这家店的服务太差了，再也不来了[怒]"
    assert classify([text])[0][0] == "negative"
    terms = negative_terms("", text)
    assert 1 <= len(terms) <= 3 and len(set(terms)) == len(terms)
    assert all(term in text for term in terms)
    assert "[怒]" in terms or "太差" in terms


def test_words_not_fragments():
    terms = negative_terms("", "好难过，我家猫今天走了，哭了一整天")
    assert "难过" in terms and "好难" not in terms  # a word, not an n-gram that straddles two


def test_a_title_is_read_with_the_body_and_empty_text_has_no_reason():
    assert "爆炸" in negative_terms("化工厂爆炸致多人死亡", "记者从现场了解到")
    assert negative_terms("", "  ") == ()


def test_strongest_keeps_clear_reasons_and_drops_weak_or_nested_ones():
    credit = {"火灾": 2.0, "火": 1.5, "被困": 1.0, "天气": 0.1, "消防": -0.5}
    assert strongest(credit) == ("火灾", "被困")  # 火 is inside 火灾; 天气 is under 30 % of the best
