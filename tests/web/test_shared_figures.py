"""Office-wide figures: computed once per period, served old while new ones are computed (issue 11)."""

from __future__ import annotations

import threading

import pytest

from yuqing import shared_figures


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Counting:
    """A computation that counts its calls; `gate` holds it until the test lets it finish."""

    def __init__(self) -> None:
        self.calls = 0
        self.gate = threading.Event()
        self.gate.set()
        self.started = threading.Event()

    def __call__(self) -> int:
        self.calls += 1
        self.started.set()
        assert self.gate.wait(10)
        return self.calls


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(shared_figures, "clock", fake)
    return fake


def wait_until(predicate, timeout: float = 10) -> None:
    done = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if predicate():
            return
        done.wait(0.01)
    raise AssertionError("not reached in time")


def test_figures_are_computed_once_per_period(clock):
    compute = Counting()
    assert shared_figures.shared("k", 10, compute) == 1
    clock.now += 9
    assert shared_figures.shared("k", 10, compute) == 1
    assert compute.calls == 1


def test_inline_mode_computes_expired_figures_in_the_request(clock, settings):
    settings.YUQING_FIGURES_REFRESH = "inline"
    compute = Counting()
    shared_figures.shared("k", 10, compute)
    clock.now += 11
    assert shared_figures.shared("k", 10, compute) == 2


def test_expired_figures_are_served_while_one_thread_computes_the_next(clock, settings):
    settings.YUQING_FIGURES_REFRESH = "thread"
    compute = Counting()
    shared_figures.shared("k", 10, compute)
    clock.now += 11
    compute.gate.clear()  # the refresh will wait until the test lets it go
    compute.started.clear()
    assert shared_figures.shared("k", 10, compute) == 1  # the old figures, at once
    assert compute.started.wait(10)
    assert shared_figures.shared("k", 10, compute) == 1  # still the old ones; no second refresh starts
    compute.gate.set()
    wait_until(lambda: shared_figures.shared("k", 10, compute) == 2)
    assert compute.calls == 2


def test_figures_far_past_their_time_are_computed_in_the_request(clock, settings):
    settings.YUQING_FIGURES_REFRESH = "thread"
    compute = Counting()
    shared_figures.shared("k", 10, compute)
    clock.now += 10 * shared_figures.STALE_FACTOR + 1  # a process that sat idle: nobody sees hour-old figures
    assert shared_figures.shared("k", 10, compute) == 2


def test_a_failed_refresh_keeps_the_old_figures(clock, settings):
    settings.YUQING_FIGURES_REFRESH = "thread"
    shared_figures.shared("k", 10, lambda: "old")
    clock.now += 11
    failed = threading.Event()

    def broken() -> str:
        failed.set()
        raise RuntimeError("the database went away")

    assert shared_figures.shared("k", 10, broken) == "old"
    assert failed.wait(10)
    wait_until(lambda: "k" not in shared_figures._refreshing)
    assert shared_figures.shared("k", 10, lambda: "new") == "old"  # a refresh starts again, the old ones meanwhile
    wait_until(lambda: shared_figures.shared("k", 10, lambda: "newer") == "new")


def test_many_requests_arriving_at_once_compute_the_first_figures_once(clock):
    compute = Counting()
    compute.gate.clear()
    answers: list[int] = []
    threads = [threading.Thread(target=lambda: answers.append(shared_figures.shared("k", 10, compute))) for _ in range(8)]
    for thread in threads:
        thread.start()
    assert compute.started.wait(10)
    compute.gate.set()
    for thread in threads:
        thread.join(10)
    assert answers == [1] * 8
    assert compute.calls == 1


def test_a_key_being_computed_does_not_hold_up_another(clock):
    slow = Counting()
    slow.gate.clear()
    first = threading.Thread(target=lambda: shared_figures.shared("overview", 10, slow))
    first.start()
    assert slow.started.wait(10)
    try:
        assert shared_figures.shared("search-counts", 10, lambda: (3, 2)) == (3, 2)  # not behind "overview"
    finally:
        slow.gate.set()
        first.join(10)
    assert shared_figures.shared("overview", 10, slow) == 1
