"""The serving process hands the interpreter to a page's thread sooner than Python's default (issue 11)."""

from __future__ import annotations

import sys

import pytest

from yuqing import runtime


@pytest.fixture
def restored_interval():
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


def test_pages_are_favoured_with_a_short_switch_interval(restored_interval, monkeypatch):
    monkeypatch.delenv("YUQING_SWITCH_INTERVAL", raising=False)
    runtime.favour_pages()
    assert sys.getswitchinterval() == pytest.approx(runtime.SWITCH_INTERVAL)
    assert runtime.SWITCH_INTERVAL < 0.005  # shorter than Python's own


def test_the_switch_interval_is_a_setting(restored_interval, monkeypatch):
    monkeypatch.setenv("YUQING_SWITCH_INTERVAL", "0.002")
    runtime.favour_pages()
    assert sys.getswitchinterval() == pytest.approx(0.002)
