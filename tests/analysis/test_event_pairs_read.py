"""The read same-event pairs: two articles a pair, labelled by reading (event_pairs_read.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.shared_data import shared_path
from yuqing.analysis.evaluation import event_pairs_read as read
from yuqing.analysis.evaluation.events import score

BODY_TAIL = "现场情况正在进一步核实中，相关部门已介入调查处理。" * 4


def _write_news(root: Path, items: list[tuple[str, str, str]]) -> Path:
    folder = root / "sentiment" / "ccf2019_news"
    folder.mkdir(parents=True)
    rows = [json.dumps({"id": key, "title": title, "content": body + BODY_TAIL, "label": 2}, ensure_ascii=False)
            for key, title, body in items]
    (folder / "train.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


NEWS = [
    ("train-0", "石家庄奥迪撞人致2死5伤案:系司机癫痫病发作", "石家庄警方通报，奥迪车撞人事故造成2死5伤，司机癫痫病发作。"),
    ("train-1", "石家庄奥迪车祸案致2死5伤 警方通报系司机癫痫发作", "石家庄奥迪车祸致2死5伤，警方通报称系司机癫痫发作导致车辆失控。"),
    ("train-2", "石家庄奥迪撞人致2死5伤案:系司机癫痫病发作", "转载：石家庄警方通报，奥迪车撞人事故造成2死5伤，司机癫痫病发作。"),
    ("train-3", "湖南益阳境内发生交通事故22车相撞 已致5人死亡", "二广高速益阳段发生22车相撞事故，已致5人死亡，多人受伤送医。"),
    ("train-4", "短", "标题太短的条目不进入候选。"),
]
# unrelated items, so that the words of the stories above are rare, as in the real news
FILLER = [(f"train-{5 + i}", "".join(chr(0x5000 + 40 * i + k) for k in range(12)),
           "".join(chr(0x6000 + 40 * i + k) for k in range(30)) + "。") for i in range(60)]


def test_candidates_are_neighbours_that_differ_in_headline_and_lead(tmp_path: Path) -> None:
    root = _write_news(tmp_path, NEWS + FILLER)
    assert [a.key for a in read.articles(root)][:5] == ["ccf:train-0", "ccf:train-1", "ccf:train-2", "ccf:train-3",
                                                         "ccf:train-5"]
    found = read.candidates(root)
    keys = [{c.first.key, c.second.key} for c in found]
    assert {"ccf:train-0", "ccf:train-1"} in keys
    assert {"ccf:train-0", "ccf:train-2"} not in keys  # one headline: a copy, not two reports
    assert [c.cosine for c in found] == sorted((c.cosine for c in found), reverse=True)
    assert all(read.FAR <= c.cosine <= 1.0 for c in found)
    later = read.candidates(root, draw=2)
    assert not {frozenset((c.first.key, c.second.key)) for c in later} & set(map(frozenset, keys))


def test_labels_skip_comments_and_unsure_pairs() -> None:
    text = "# header\nccf:a\tccf:b\t1\nccf:c\tccf:d\t0\tread twice\nccf:e\tccf:f\t?\n\n"
    assert read.read_labels(text) == {frozenset(("ccf:a", "ccf:b")): 1, frozenset(("ccf:c", "ccf:d")): 0}


def test_pairs_linked_by_an_article_fall_in_one_half() -> None:
    keys = [(f"ccf:train-{i}", f"ccf:train-{i + 1}") for i in range(0, 200, 2)] + [("ccf:train-1", "ccf:train-3")]
    half = read.split_of_pairs(keys)
    assert half["ccf:train-0"] == half["ccf:train-1"] == half["ccf:train-2"] == half["ccf:train-3"]
    assert {half[k] for k in half} == {"dev", "test"}


def test_each_labelled_pair_gives_two_short_and_one_long_pair(tmp_path: Path) -> None:
    root = _write_news(tmp_path, NEWS)
    labels = {frozenset(("ccf:train-0", "ccf:train-1")): 1, frozenset(("ccf:train-1", "ccf:train-3")): 0}
    half = read.split_of_pairs([("ccf:train-0", "ccf:train-1"), ("ccf:train-1", "ccf:train-3")])["ccf:train-0"]
    pairs = read.build_pairs(read.articles(root), half, labels)
    other = "test" if half == "dev" else "dev"
    assert read.build_pairs(read.articles(root), other, labels) == []
    assert sorted(p.kind for p in pairs) == sorted(read.KINDS * 2)
    assert sum(p.label for p in pairs) == 3
    titles = {title for _, title, _ in NEWS}
    for pair in pairs:
        assert set(pair.sources) in ({"ccf:train-0", "ccf:train-1"}, {"ccf:train-1", "ccf:train-3"})
        assert pair.first in titles or pair.second in titles
        if pair.kind == read.KINDS[0]:
            assert pair.first in titles and pair.second in titles
        if pair.kind == read.KINDS[2]:
            assert BODY_TAIL in pair.first + pair.second
    result = score(pairs, [p.label == 1 for p in pairs])
    assert set(result) == set(read.KINDS) and all(r["f1"] == 1.0 for r in result.values())


@pytest.mark.shared_data
def test_the_labelled_pairs_are_candidates_of_the_shared_news() -> None:
    root = shared_path("sentiment/ccf2019_news/train.jsonl").parents[2]
    first = {frozenset((c.first.key, c.second.key)) for c in read.candidates(root)}
    second = {frozenset((c.first.key, c.second.key)) for c in read.candidates(root, draw=2)}
    assert len(first) == 729 and len(second) == 336 and not first & second
    labels = read.read_labels()
    assert set(labels) <= first | second and len(labels) > 1000
    assert 100 < sum(labels.values()) < len(labels) - 100
    found = read.articles(root)
    dev, test = read.build_pairs(found, "dev", labels), read.build_pairs(found, "test", labels)
    assert len(dev) + len(test) == 3 * len(labels)
    assert not {k for p in dev for k in p.sources} & {k for p in test for k in p.sources}


def test_three_ways_also_scores_the_pairs_a_part_selects(tmp_path: Path) -> None:
    from yuqing.analysis.evaluation.event_pairs import Pair
    from yuqing.analysis.evaluation.events import three_ways

    news = ("ccf:train-0", "ccf:train-1")
    pairs = [Pair("short-short titles", NEWS[0][1], NEWS[1][1], 1, "a~b", news),
             Pair("short-short titles", "某县召开平安建设工作推进会", "另一县举行扶贫工作座谈会", 0, "c~d", ("ccf:x", "ccf:y"))]
    report = three_ways(pairs, lambda pair: pair.sources == news)
    part = report["alone, part"]["short-short titles"]
    assert (part["pairs"], part["positives"], part["false_merges"]) == (1, 1, 0)
    assert report["alone"]["short-short titles"]["pairs"] == 2 and "alone, part" not in three_ways(pairs)


def test_news_like_keys_are_the_articles_that_read_like_a_report(tmp_path: Path) -> None:
    dated = "记者6月3日从永城市消防救援大队获悉，一家具城发生火灾。" + "现场情况正在核实中。" * 20
    root = _write_news(tmp_path, NEWS[:2] + [("train-9", "永城一家具城发生火灾", dated)] + FILLER)
    assert read.news_like_keys(read.articles(root)) == {"ccf:train-9"}
