"""Burst detection on a controlled clock: baseline, warm-up, minimum count, cool-down, evidence."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from yuqing.analysis.bursts import BurstDetector

BUCKET = 600.0
T0 = 1_600_000_200.0 - 1_600_000_200.0 % BUCKET
KEY = ("keyword", "停水")


def detector(**options: object) -> BurstDetector:
    settings = {"window": timedelta(hours=2), "bucket": timedelta(minutes=10), "sensitivity": 3.0,
                "min_count": 5, "cooldown": timedelta(hours=1), "warmup_buckets": 6}
    settings.update(options)
    return BurstDetector(**settings)  # type: ignore[arg-type]


def feed(bursts: BurstDetector, per_bucket: list[int], start: float = T0) -> float:
    """Add per_bucket[i] items in bucket i; return a time inside the last bucket."""
    for i, count in enumerate(per_bucket):
        for j in range(count):
            bursts.add(KEY, start + i * BUCKET + j)
    return start + (len(per_bucket) - 1) * BUCKET + BUCKET / 2


def test_a_jump_over_a_steady_baseline_is_a_spike_with_its_evidence() -> None:
    bursts = detector()
    now = feed(bursts, [2, 3, 2, 1, 2, 3, 2, 2, 3, 2, 20])
    spike = bursts.check(KEY, now)
    assert spike is not None and spike.key == KEY and spike.count == 20
    assert spike.window_counts == (2, 3, 2, 1, 2, 3, 2, 2, 3, 2, 20)
    assert spike.baseline == 2.2 and spike.score > 3.0 and spike.at == now


def test_steady_volume_is_not_a_spike() -> None:
    bursts = detector()
    now = feed(bursts, [8, 9, 7, 8, 10, 8, 9, 7, 8, 9, 10])
    assert bursts.check(KEY, now) is None


def test_no_alert_during_warm_up() -> None:
    bursts = detector(warmup_buckets=6)
    assert bursts.check(KEY, feed(bursts, [1, 1, 50])) is None  # only 2 buckets of history
    bursts = detector(warmup_buckets=2)
    assert bursts.check(KEY, feed(bursts, [1, 1, 50])) is not None


def test_quiet_series_needs_the_minimum_count() -> None:
    bursts = detector()
    assert bursts.check(KEY, feed(bursts, [1, 0, 0, 0, 0, 0, 0, 1, 0, 4])) is None  # 4 < min_count
    bursts = detector(min_count=3)
    assert bursts.check(KEY, feed(bursts, [1, 0, 0, 0, 0, 0, 0, 1, 0, 4])) is not None


def test_cool_down_silences_repeats_then_lets_a_new_spike_through() -> None:
    bursts = detector(cooldown=timedelta(minutes=30))
    now = feed(bursts, [1] * 10 + [30])
    assert bursts.check(KEY, now) is not None
    assert bursts.check(KEY, now + 60) is None  # same burst, inside the cool-down
    later = feed(bursts, [1] * 12 + [60], start=now + BUCKET / 2)
    assert bursts.check(KEY, later) is not None


def test_silence_counts_as_zeros_in_the_baseline() -> None:
    bursts = detector()
    feed(bursts, [3] * 8)
    now = T0 + 30 * BUCKET + 10  # hours later: the baseline is now zeros
    for j in range(6):
        bursts.add(KEY, now + j)
    spike = bursts.check(KEY, now + 10)
    assert spike is not None and spike.baseline == 0.0 and spike.window_counts[-1] == 6


def test_keys_are_independent_and_check_all_ranks_them() -> None:
    bursts = detector()
    other = ("place", "110105")
    for i in range(10):
        for j in range(2):
            bursts.add(KEY, T0 + i * BUCKET + j)
            bursts.add(other, T0 + i * BUCKET + j)
    now = T0 + 10 * BUCKET + 1
    for j in range(30):
        bursts.add(KEY, now + j)
    for j in range(8):
        bursts.add(other, now + j)
    spikes = bursts.check_all(now + 60)
    assert [s.key for s in spikes] == [KEY, other]


def test_observe_counts_event_places_and_keywords_and_accepts_datetimes() -> None:
    bursts = detector()
    at = datetime.fromtimestamp(T0, tz=timezone.utc)
    post = {"created_at": T0, "event": "ev-1", "places": [{"code": "110105000000"}], "keywords": ["停水", "小区"]}
    bursts.observe(post)
    bursts.observe({"created_at": None, "event": "ev-1"})  # no time: nothing to count
    assert set(bursts.series) == {("event", "ev-1"), ("place", "110105000000"), ("keyword", "停水"), ("keyword", "小区")}
    bursts.add(KEY, at + timedelta(seconds=5))
    assert bursts.series[KEY].counts[-1] == 2
    assert bursts.prune(at + timedelta(hours=5)) == 4 and not bursts.series
