"""The serving process hands the interpreter to a page's thread sooner than Python's default (issue 11)."""

from __future__ import annotations

import dataclasses
import sys

import pytest

from yuqing import config, runtime


@pytest.fixture
def restored_interval():
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


def test_pages_are_favoured_with_a_short_switch_interval(restored_interval, settings):
    settings.YUQING = dataclasses.replace(settings.YUQING, switch_interval=config.Config.switch_interval)
    runtime.favour_pages()
    assert sys.getswitchinterval() == pytest.approx(config.Config.switch_interval)
    assert config.Config.switch_interval < 0.005  # shorter than Python's own


def test_the_switch_interval_is_a_setting(restored_interval, settings):
    assert config.load({"YUQING_SWITCH_INTERVAL": "0.002"}).switch_interval == pytest.approx(0.002)
    assert config.load({"YUQING_SWITCH_INTERVAL": ""}).switch_interval == config.Config.switch_interval
    settings.YUQING = dataclasses.replace(settings.YUQING,
                                          switch_interval=config.load({"YUQING_SWITCH_INTERVAL": "0.002"}).switch_interval)
    runtime.favour_pages()
    assert sys.getswitchinterval() == pytest.approx(0.002)
