"""Pipeline.warm: the stateless stages load their tables at start, the stages with state see nothing."""

from __future__ import annotations

from yuqing.analysis.assemble import build_pipeline
from yuqing.analysis.pipeline import Pipeline, Post
from yuqing.analysis.places import get_matcher


class Recorder:
    version = "1"

    def __init__(self, name: str, reads: tuple[str, ...], writes: tuple[str, ...]):
        self.name, self.reads, self.writes = name, reads, writes
        self.seen: list[str] = []

    def __call__(self, batch: list[Post]) -> None:
        for post in batch:
            self.seen.append(post["id"])
            post[self.writes[0]] = True


class Window(Recorder):
    def state_dict(self) -> dict:
        return {"seen": list(self.seen)}


def test_warm_runs_the_stateless_stages_only() -> None:
    first, window, after = Recorder("a", ("text",), ("a",)), Window("w", ("a",), ("w",)), Recorder("b", ("w",), ("b",))
    Pipeline([first, window, after]).warm()
    assert first.seen == ["warm-up-post", "warm-up-news"]
    assert window.seen == [] and after.seen == []  # a stage after the first one with state is never warmed


def test_build_pipeline_builds_the_places_matcher_before_the_first_batch() -> None:
    get_matcher.cache_clear()
    build_pipeline()
    assert get_matcher.cache_info().currsize == 1
