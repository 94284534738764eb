"""Volume bursts: per-key counts in time buckets, and a spike score against the key's own past.

A key is anything hashable: ("event", id), ("place", code), ("keyword", word). The score of the
current bucket is (count - mean) / spread, where mean and spread come from the key's previous
buckets inside `window` (empty buckets count as zeros), and spread = max(std, sqrt(mean), 1) so
that a quiet series (mean 0.2) does not alert on 3 posts: Poisson noise is the floor.

A spike needs: score >= sensitivity, count >= min_count, at least `warmup_buckets` buckets of
history since the key was first seen (no alert before a baseline exists), and `cooldown` since
the key's last alert. The caller passes the clock (`now`), so tests and replays control time.
Keys idle for a whole window are dropped by `prune`, so memory follows active keys.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Hashable, Iterable

from yuqing.analysis.pipeline import Post


@dataclass(frozen=True)
class Spike:
    """Evidence for an alert: the counts it was judged on, oldest bucket first, current last."""

    key: Hashable
    score: float
    count: int
    baseline: float
    window_counts: tuple[int, ...]
    at: float
    bucket_seconds: float = 600.0


@dataclass
class _Series:
    first_bucket: int
    last_bucket: int
    counts: deque[int] = field(default_factory=deque)  # counts[-1] is last_bucket
    last_alert: float = -math.inf


def _seconds(value: float | datetime) -> float:
    return value.timestamp() if isinstance(value, datetime) else float(value)


class BurstDetector:
    def __init__(self, window: timedelta = timedelta(hours=24), bucket: timedelta = timedelta(minutes=10),
                 sensitivity: float = 3.0, min_count: int = 5, cooldown: timedelta = timedelta(hours=1),
                 warmup_buckets: int = 6):
        self.bucket = bucket.total_seconds()
        self.buckets = max(2, int(window.total_seconds() // self.bucket))  # baseline buckets
        self.sensitivity, self.min_count = sensitivity, min_count
        self.cooldown, self.warmup = cooldown.total_seconds(), warmup_buckets
        self.series: dict[Hashable, _Series] = {}

    def add(self, key: Hashable, ts: float | datetime, n: int = 1) -> None:
        """Count `n` items of `key` at time `ts` (a late item older than the window is ignored)."""
        index = int(_seconds(ts) // self.bucket)
        series = self.series.get(key)
        if series is None:
            series = self.series[key] = _Series(index, index, deque([0]))
        self._roll(series, index)
        offset = series.last_bucket - index
        if 0 <= offset < len(series.counts):
            series.counts[-1 - offset] += n
            series.first_bucket = min(series.first_bucket, index)

    def check(self, key: Hashable, now: float | datetime) -> Spike | None:
        """A Spike when the bucket holding `now` stands out from the key's baseline, else None."""
        series = self.series.get(key)
        at = _seconds(now)
        if series is None:
            return None
        index = int(at // self.bucket)
        self._roll(series, index)
        end = len(series.counts) - (series.last_bucket - index)  # `now` may lie before the newest item
        if end <= 0:
            return None
        counts = list(series.counts)[:end]
        current, history = counts[-1], counts[:-1][-self.buckets:]
        if index - series.first_bucket < self.warmup or current < self.min_count:
            return None
        if at - series.last_alert < self.cooldown:
            return None
        mean = sum(history) / len(history) if history else 0.0
        std = math.sqrt(sum((c - mean) ** 2 for c in history) / len(history)) if history else 0.0
        score = (current - mean) / max(std, math.sqrt(mean), 1.0)
        if score < self.sensitivity:
            return None
        series.last_alert = at
        return Spike(key, round(score, 3), current, round(mean, 3), tuple(history + [current]), at, self.bucket)

    def check_all(self, now: float | datetime) -> list[Spike]:
        """Spikes of every key with items in the current bucket, strongest first."""
        index = int(_seconds(now) // self.bucket)
        keys = [k for k, s in self.series.items() if s.last_bucket == index and s.counts[-1]]
        spikes = [s for s in (self.check(k, now) for k in keys) if s is not None]
        return sorted(spikes, key=lambda s: (-s.score, repr(s.key)))

    def observe(self, post: Post, keywords: int = 5) -> None:
        """Count a post under its event, each place code and its first `keywords` keywords."""
        at = post.get("created_at")
        if isinstance(at, bool) or not isinstance(at, (int, float)):
            return
        for key in post_keys(post, keywords):
            self.add(key, at)

    def prune(self, now: float | datetime) -> int:
        """Drop keys with no item in the last window; return how many were dropped."""
        oldest = int(_seconds(now) // self.bucket) - self.buckets
        stale = [k for k, s in self.series.items() if s.last_bucket < oldest]
        for key in stale:
            del self.series[key]
        return len(stale)

    def _roll(self, series: _Series, index: int) -> None:
        """Append empty buckets up to `index`, keeping baseline + current buckets."""
        gap = index - series.last_bucket
        if gap <= 0:
            return
        counts = series.counts
        counts.extend([0] * min(gap, self.buckets + 1))  # a long silence is a baseline of zeros
        while len(counts) > self.buckets + 1:
            counts.popleft()
        series.last_bucket = index


def post_keys(post: Post, keywords: int = 5) -> Iterable[tuple[str, Any]]:
    event = post.get("event")
    if isinstance(event, str) and event:
        yield ("event", event)
    for place in post.get("places") or []:
        code = place.get("code") if isinstance(place, dict) else None
        if code:
            yield ("place", code)
    for word in (post.get("keywords") or [])[:keywords]:
        if isinstance(word, str) and word:
            yield ("keyword", word)
