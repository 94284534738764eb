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
        check_order(self.stages, frozenset(base_fields))

    def versions(self) -> dict[str, str]:
        return {stage.name: stage.version for stage in self.stages}

    def state_dict(self) -> dict[str, dict]:
        """The state of every stage that keeps one (windows, learnt frequencies), by stage name:
        with load_state() a new process continues exactly where this one stopped."""
        return {stage.name: stage.state_dict() for stage in self.stages if hasattr(stage, "state_dict")}

    def load_state(self, state: dict[str, dict]) -> None:
        for stage in self.stages:
            if hasattr(stage, "load_state") and stage.name in state:
                stage.load_state(state[stage.name])

    def run(self, batch: list[Post]) -> list[Post]:
        for stage in self.stages:
            started = time.perf_counter()
            stage(batch)
            self.timing.add(stage.name, time.perf_counter() - started)
        self.timing.posts += len(batch)
        return batch


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
