"""The same-event evaluation: how pairs are built from articles, and how they are scored."""

from __future__ import annotations

import pytest

from tests.shared_data import shared_path
from yuqing.analysis.evaluation.event_pairs import (
    Article, Pair, body_without_title, build_pairs, clean_title, lead, news_like, read_as_same, split_of,
)
from yuqing.analysis.evaluation.events import score


def article(key: str, title: str, body: str) -> Article:
    return Article(key, title, body)


def test_titles_lose_their_site_suffix_and_bodies_their_title_copy() -> None:
    assert clean_title("玩手机游戏被扣费2600元_消费投诉_ 投诉直通车_华声在线") == "玩手机游戏被扣费2600元"
    assert clean_title("河南永城家具城起火 - 大河网") == "河南永城家具城起火"
    assert clean_title("短_后缀") == "短_后缀"  # too little before the cut to be a headline
    assert body_without_title("永城起火", "原标题：永城起火\n6月3日，永城一家具城起火。") == "6月3日，永城一家具城起火。"
    assert body_without_title("永城起火", "永城起火 6月3日，永城一家具城起火。") == "6月3日，永城一家具城起火。"


def test_the_lead_is_the_first_sentences_up_to_a_length() -> None:
    body = "6月3日14时许，永城一家具城起火。消防调派8辆车。3人轻伤。" + "背景。" * 100
    assert lead(body, min_chars=20) == "6月3日14时许，永城一家具城起火。消防调派8辆车。"
    assert len(lead("很长" * 200)) == 160


def test_news_like_wants_a_headline_a_dated_body_and_sentences() -> None:
    body = "记者6月3日从永城市消防救援大队获悉，一家具城发生火灾。" + "现场情况正在核实中。" * 20
    assert news_like(article("a", "永城一家具城发生火灾", body))
    assert not news_like(article("b", "火灾", body))  # a headline of six Han characters at least
    assert not news_like(article("c", "永城一家具城发生火灾", "全文无日期也无来源。" * 30))


def test_split_is_a_stable_half_by_key() -> None:
    keys = [f"ccf:train-{i}" for i in range(400)]
    halves = [split_of(k) for k in keys]
    assert halves == [split_of(k) for k in keys] and 150 < halves.count("dev") < 250


def _articles(split: str) -> list[Article]:
    fires = [("永城一家具城发生火灾 3人轻伤", "6月3日14时许，永城市东城区一家具城发生火灾，消防调派8辆车处置，3人轻伤送医。"),
             ("杭州西湖区一仓库起火 无人员伤亡", "6月5日凌晨，杭州市西湖区一仓库起火，消防到场扑救，未造成人员伤亡。"),
             ("南宁一小区电动车棚起火", "6月7日晚，南宁市青秀区一小区电动车棚起火，物业人员及时报警。")]
    found, n = [], 0
    while len(found) < 3:
        key = f"t:{n}"
        n += 1
        if split_of(key) == split:
            title, body = fires[len(found)]
            found.append(article(key, title, body + "火灾原因正在调查中。" * 20))
    return found


def test_every_article_gives_two_positives_and_two_hard_negatives_in_both_orders() -> None:
    pairs = build_pairs(_articles("dev"), "dev")
    assert len(pairs) in (8, 12) and sum(p.label for p in pairs) == len(pairs) // 2  # four per article with a negative
    assert {p.kind for p in pairs} == {"short-short", "short-long"}
    titles = {"永城一家具城发生火灾 3人轻伤", "杭州西湖区一仓库起火 无人员伤亡", "南宁一小区电动车棚起火"}
    assert all((p.first in titles) != (p.second in titles) for p in pairs)  # a title and a text
    assert any(p.first in titles for p in pairs) and any(p.second in titles for p in pairs)
    negative = next(p for p in pairs if not p.label)
    assert negative.key == "~".join(negative.sources if negative.first in titles else negative.sources[::-1])
    assert build_pairs(_articles("dev"), "test") == []  # the other half's articles never enter


def test_pairs_read_as_the_same_incident_are_never_negatives() -> None:
    listed = next(iter(read_as_same()))
    assert len(listed) == 2 and all(":" in key for key in listed)


def test_score_counts_false_merges_per_kind() -> None:
    pairs = [Pair("short-short", "a", "b", 1, "k1"), Pair("short-short", "a", "c", 0, "k1~k2"),
             Pair("short-long", "a", "d", 1, "k1"), Pair("short-long", "a", "e", 0, "k1~k2")]
    result = score(pairs, [True, True, False, False])
    assert result["short-short"] == {"pairs": 2, "positives": 1, "false_merges": 1, "precision": 0.5, "recall": 1.0,
                                     "f1": 0.6667}
    assert result["short-long"]["recall"] == 0.0 and result["short-long"]["f1"] == 0.0


@pytest.mark.shared_data
def test_the_shared_news_gives_thousands_of_pairs_in_each_half() -> None:
    from yuqing.analysis.evaluation.event_pairs import load_articles

    articles = load_articles(shared_path("sentiment/ccf2019_news/train.jsonl").parents[2])
    assert len(articles) > 2000
    dev, test = build_pairs(articles, "dev"), build_pairs(articles, "test")
    assert len(dev) > 4000 and len(test) > 4000
    assert not {p.key for p in dev if p.label} & {p.key for p in test if p.label}
