"""Event clustering: joining, starting, merging, lifecycle, retirement, determinism."""

from __future__ import annotations

import pickle

import pytest

from tests.shared_data import shared_path
from yuqing.analysis.clustering import ClusterStage, EventStore

HOUR = 3600.0
T0 = 1_600_000_000.0 - 1_600_000_000.0 % HOUR  # on an hour boundary, so bucket maths is visible

FLOOD = ["暴雨", "内涝", "积水", "道路", "救援", "市民", "排水", "转移"]
FIRE = ["火灾", "仓库", "消防", "起火", "浓烟", "扑救", "伤亡", "原因"]
SCHOOL = ["学校", "食堂", "学生", "家长", "饭菜", "质量", "教育局", "调查"]


def post(post_id: str, words: list[str], at: float, story: str | None = None, text: str = "") -> dict:
    return {"id": post_id, "title": "", "text": text or "".join(words), "tokens": list(words),
            "keywords": list(words), "created_at": at, "duplicate_of": None, "story": story or post_id}


def test_similar_posts_join_one_event_and_other_topics_start_their_own() -> None:
    stage = ClusterStage()
    posts = [post("f1", FLOOD[:5], T0), post("x1", FIRE[:5], T0 + 10), post("f2", FLOOD[2:7], T0 + 20),
             post("x2", FIRE[1:6], T0 + 30), post("s1", SCHOOL[:5], T0 + 40), post("f3", FLOOD[1:6], T0 + 50)]
    stage(posts)
    assert [p["event"] for p in posts] == ["ev-f1", "ev-x1", "ev-f1", "ev-x1", "ev-s1", "ev-f1"]
    sizes = {e.id: e.size for e in stage.store.events()}
    assert sizes == {"ev-f1": 3, "ev-x1": 2, "ev-s1": 1}


def test_reposts_join_the_event_of_their_story_whatever_their_words() -> None:
    stage = ClusterStage()
    original = post("o", FIRE[:6], T0)
    reposts = [post("r1", [], T0 + 5, story="o", text="转发微博"),
               post("r2", SCHOOL[:5], T0 + 6, story="o"),  # its own words are about something else
               post("r3", [], T0 + 7)]  # empty and unlinked: its own event, not everyone's
    stage([original] + reposts)
    assert [p["event"] for p in reposts] == ["ev-o", "ev-o", "ev-r3"]
    (fire,) = [e for e in stage.store.events() if e.id == "ev-o"]
    assert fire.size == 3 and "学校" not in fire.keywords  # a repost does not steer the centroid
    assert "ev-r3" not in {e.id for e in stage.store.events()}  # wordless and unlinked: kept quiet
    echo = [post("r4", [], T0 + 60, story="r3")]
    stage(echo)
    (quiet,) = [e for e in stage.store.events() if e.id == "ev-r3"]
    assert echo[0]["event"] == "ev-r3" and (quiet.size, quiet.first_seen) == (2, T0 + 7)


def test_event_carries_keywords_title_and_times() -> None:
    stage = ClusterStage()
    stage([post("a", FLOOD[:6], T0, text="城区暴雨内涝 多处道路积水"), post("b", FLOOD[1:7], T0 + 600)])
    (event,) = stage.store.events()
    assert (event.first_seen, event.last_seen, event.size) == (T0, T0 + 600, 2)
    assert event.title == "城区暴雨内涝 多处道路积水"
    assert set(event.keywords) <= set(FLOOD) and "内涝" in event.keywords


def test_two_events_found_to_be_one_are_merged_into_the_older() -> None:
    store = EventStore(threshold=0.35, merge_threshold=0.5)
    stage = ClusterStage(store)
    # The same collapse told in two vocabularies, then posts that use both.
    plain, formal = ["大桥", "垮塌", "车辆", "落水"], ["桥梁", "坍塌", "事故", "救援"]
    posts = [post("a", plain, T0), post("b", formal, T0 + 1)]
    posts += [post(f"both{i}", plain + formal, T0 + 2 + i) for i in range(4)]
    stage(posts)
    merged = {e.id: e.merged_into for e in store.events(include_merged=True) if e.merged_into}
    assert merged == {"ev-b": "ev-a"} and [e.id for e in store.events()] == ["ev-a"]
    assert store.resolve("ev-b") == "ev-a" and store.events()[0].size == 6
    assert posts[1]["event"] == "ev-b"  # written before the merge; resolve() maps it


def test_lifecycle_follows_hourly_volume() -> None:
    store = EventStore()
    stage = ClusterStage(store)
    stage([post(f"a{i}", FLOOD[:5], T0 + i * 60) for i in range(4)])  # 4 in hour 0
    stage([post(f"b{i}", FLOOD[:5], T0 + HOUR + i * 30) for i in range(10)])  # 10 in hour 1
    (event,) = store.events()
    assert event.lifecycle == "emerging"
    store.clock = T0 + 2 * HOUR + 0.5 * HOUR  # half an hour into a silent hour
    (event,) = store.events()
    assert event.growth_per_hour == 5.0 and event.lifecycle == "peaking"
    store.clock = T0 + 3 * HOUR + 0.9 * HOUR
    (event,) = store.events()
    assert event.growth_per_hour == 0.0 and event.lifecycle == "fading"


def test_idle_events_are_retired_with_their_story_links() -> None:
    store = EventStore(idle_hours=2)
    stage = ClusterStage(store)
    stage([post("old", FIRE[:5], T0)])
    stage([post("new", SCHOOL[:5], T0 + 5 * HOUR)])
    assert [e.id for e in store.events()] == ["ev-new"]
    assert "old" not in store.story_event
    late = [post("late", [], T0 + 5 * HOUR + 1, story="old")]
    stage(late)
    assert late[0]["event"] == "ev-late"  # what it reposts is gone: it starts afresh


def test_a_story_that_comes_back_revives_its_event_under_the_same_id() -> None:
    store = EventStore(idle_hours=2, memory_hours=48)
    stage = ClusterStage(store)
    stage([post("o", FIRE[:5], T0), post("r1", [], T0 + 60, story="o")])
    stage([post("other", SCHOOL[:5], T0 + 5 * HOUR)])
    assert [e.id for e in store.events()] == ["ev-other"]  # idle: retired from the live set
    comeback = [post("r2", [], T0 + 6 * HOUR, story="o")]
    stage(comeback)
    assert comeback[0]["event"] == "ev-o"
    (fire,) = [e for e in store.events() if e.id == "ev-o"]
    assert fire.size == 3 and fire.first_seen == T0
    stage([post("much-later", SCHOOL[:5], T0 + 100 * HOUR)])
    gone = [post("r3", [], T0 + 100 * HOUR + 1, story="o")]
    stage(gone)
    assert gone[0]["event"] == "ev-r3"  # beyond memory_hours the story starts afresh


def test_opening_words_of_a_retired_event_are_forgotten() -> None:
    words = [f"词{i:02d}" for i in range(60)]  # more distinct words than a vector holds
    store = EventStore(idle_hours=2)
    ClusterStage(store)([post("long", words, T0)])
    assert set(store.openings) == set(words) - set(store.live["ev-long"].centroid)
    ClusterStage(store)([post("later", SCHOOL[:5], T0 + 5 * HOUR)])
    assert store.openings == {}


def _stream() -> list[dict]:
    # each incident has a word of its own (common words alone make no event: test_event_matching.py)
    topics, names = [FLOOD, FIRE, SCHOOL], ["京广隧道", "家具城", "实验中学"]
    return [post(f"p{i}", [names[i % 3]] + topics[i % 3][i % 4:i % 4 + 3], T0 + i * 300,
                 story=f"p{i - 3}" if i % 4 == 3 else None) for i in range(40)]


def test_same_stream_gives_the_same_ids_and_state_resumes_exactly() -> None:
    once, halves = _stream(), _stream()
    ClusterStage()(once)
    first = ClusterStage()
    first(halves[:20])
    store = EventStore()
    store.load_state(pickle.loads(pickle.dumps(first.store.state_dict())))
    ClusterStage(store)(halves[20:])
    assert [p["event"] for p in halves] == [p["event"] for p in once]
    assert len({p["event"] for p in once}) == 3


def test_bad_records_get_an_event_and_do_not_crash() -> None:
    posts = [{"id": None, "created_at": "soon", "tokens": "not a list"}, {"id": "x", "keywords": [1, None, "词语"]}]
    ClusterStage()(posts)
    assert all(isinstance(p["event"], str) and p["event"] for p in posts)


def test_clustering_scores_on_a_hand_checked_example() -> None:
    from yuqing.analysis.evaluation.dedup_cluster import clustering_scores

    scores = clustering_scores(["a", "a", "b", "b", "c"], ["x", "x", "x", "y", "y"])
    assert scores["purity"] == 0.8 and scores["clusters"] == 3 and scores["singletons"] == 1
    assert (scores["pair_precision"], scores["pair_recall"]) == (0.5, 0.25)
    metrics = pytest.importorskip("sklearn.metrics")
    expected = metrics.normalized_mutual_info_score(["x", "x", "x", "y", "y"], ["a", "a", "b", "b", "c"])
    assert scores["nmi"] == round(expected, 4)


@pytest.mark.shared_data
def test_ced_reposts_land_in_the_event_of_their_original() -> None:
    from yuqing.analysis.evaluation.dedup_cluster import preprocessor, stream_scores

    path = shared_path("stream/ced_weibo_dev.jsonl.gz")
    prepare, _ = preprocessor()
    linked = stream_scores(path, 5000, prepare, links=True)
    text_only = stream_scores(path, 5000, prepare, links=False)
    assert linked["reposts_with_original_seen"] > 4000
    assert linked["repost_story_is_original"] > 0.95 and linked["repost_in_original_event"] > 0.9
    assert text_only["repost_in_original_event"] < linked["repost_in_original_event"]


def test_a_growing_event_keeps_its_posts_though_its_words_grow_common() -> None:
    # 60 posts of one incident make its words common in the stream; rarity is judged outside the event
    stage = ClusterStage()
    posts = [post(f"g{i}", ["京广隧道", "积水", "救援", "车辆", "被困"][i % 2:] + ["京广隧道"], T0 + i * 60) for i in range(60)]
    stage(posts)
    assert {p["event"] for p in posts} == {"ev-g0"}
