"""Stages over batches of posts, with their field contracts checked at assembly time.

A post is a plain dict. The base fields every source provides are listed in BASE_FIELDS;
each stage adds its own. Dicts are used rather than a class because stages are written by
different people and a batch of 10,000 dicts is cheap to pass around.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Protocol, Sequence

from yuqing.errors import PipelineError

Post = dict[str, Any]

# `parent_id` (the post a repost answers), `lang` (a language the source declared) and
# `ip_location` (the poster's IP 属地 as the platform shows it) are optional: a feeder sets them
# when it knows them.
BASE_FIELDS: frozenset[str] = frozenset(
    {"id", "text", "title", "created_at", "url", "site", "author", "source", "parent_id", "lang", "ip_location"}
)


# What Pipeline.warm runs the stateless stages on: a post and a news item naming a place and an
# incident, so that every table a stage builds on first use is built.
WARM_UP_POSTS: tuple[Post, ...] = (
    {"id": "warm-up-post", "text": "永城市今天发生火灾，消防员赶到现场//@甲:转发", "title": "", "created_at": 0.0,
     "url": "", "site": "weibo.com", "author": "", "source": "", "parent_id": "", "ip_location": "河南"},
    {"id": "warm-up-news", "text": "商丘市应急管理局通报：一处仓库起火，无人员伤亡。", "title": "仓库起火", "created_at": 0.0,
     "url": "", "site": "", "author": "", "source": "", "parent_id": "", "ip_location": ""},
)


class Stage(Protocol):
    """What a pipeline stage must offer. `version` changes when its output would change."""

    name: str
    version: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]

    def __call__(self, batch: list[Post]) -> None:
        """Read `reads` and set `writes` on every post of the batch, in place."""


@dataclass
class StageTiming:
    """Wall time and post count per stage, for progress and benchmarks."""

    seconds: dict[str, float] = field(default_factory=dict)
    posts: int = 0

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds


class Pipeline:
    """An ordered list of stages whose reads are all satisfied by earlier writes."""

    def __init__(self, stages: Sequence[Stage], base_fields: Iterable[str] = BASE_FIELDS):
        self.stages = list(stages)
        self.timing = StageTiming()
        self._versions: dict[str, str] | None = None
        check_order(self.stages, frozenset(base_fields))

    def versions(self) -> dict[str, str]:
        """By stage name, in name order: stored with each document, and compared as JSON text on
        SQLite (`yuqing reanalyze`), where a new stage order must not read as new versions.
        Read once: a stage's version is fixed when it is built (segment's digests its dictionary)."""
        if self._versions is None:
            self._versions = {stage.name: stage.version for stage in sorted(self.stages, key=lambda stage: stage.name)}
        return dict(self._versions)

    def state_dict(self) -> dict[str, dict]:
        """The state of every stage that keeps one (windows, learnt frequencies), by stage name:
        with load_state() a new process continues exactly where this one stopped."""
        return {stage.name: stage.state_dict() for stage in self.stages if hasattr(stage, "state_dict")}

    def load_state(self, state: dict[str, dict]) -> None:
        for stage in self.stages:
            if hasattr(stage, "load_state") and stage.name in state:
                stage.load_state(state[stage.name])

    def warm(self) -> None:
        """Build what the stateless stages load on first use (the models; the places matcher,
        which risk explanations and places read) by running them on WARM_UP_POSTS and dropping
        the result: a worker pays this once at start rather than in its first batch, and
        `gc.freeze` after it moves those tables out of the collector's sight. The stages that
        keep state never see these posts."""
        batch = [dict(post) for post in WARM_UP_POSTS]
        for stage in self.stateless():
            stage(batch)

    def run(self, batch: list[Post]) -> list[Post]:
        self.prepare(batch)
        return self.finish(batch)

    def split(self) -> int:
        """Where the stages that keep state begin (those with a `state_dict`: windows, learnt
        frequencies, event stores).

        The stages before it are pure functions of one post, so any process may run them on any
        post in any order (`prepare`); the rest must see every post once, in order (`finish`)."""
        return next((n for n, stage in enumerate(self.stages) if hasattr(stage, "state_dict")), len(self.stages))

    def stateless(self) -> list[Stage]:
        return self.stages[: self.split()]

    def prepare(self, batch: list[Post]) -> list[Post]:
        """Run the stateless stages on `batch` (the posts' order does not matter)."""
        self._run(self.stateless(), batch)
        return batch

    def finish(self, batch: list[Post]) -> list[Post]:
        """Run the stages that keep state on prepared posts, in stream order."""
        self._run(self.stages[self.split():], batch)
        self.timing.posts += len(batch)
        return batch

    def _run(self, stages: list[Stage], batch: list[Post]) -> None:
        for stage in stages:
            started = time.perf_counter()
            stage(batch)
            self.timing.add(stage.name, time.perf_counter() - started)


def check_order(stages: Sequence[Stage], base_fields: frozenset[str]) -> None:
    """Raise PipelineError naming the first stage that reads a field nobody wrote before it."""
    available = set(base_fields)
    names: set[str] = set()
    for stage in stages:
        if stage.name in names:
            raise PipelineError(f"stage {stage.name!r} appears twice; give each stage one place")
        names.add(stage.name)
        missing = [f for f in stage.reads if f not in available]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} reads {', '.join(missing)} but no earlier stage writes it; "
                f"move it after the stage that does"
            )
        available.update(stage.writes)
