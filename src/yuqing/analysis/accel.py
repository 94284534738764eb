"""Compiled speed-ups and their pure-Python fallbacks, which give the same results, only slower.

Offices often run servers for which a compiled wheel does not exist; there the fallback is used
and the start-up log says so (`report()`). Setting YUQING_PURE_PYTHON to a comma-separated list
of module names (or to "all") forces the fallback, to compare both on one machine.
"""

from __future__ import annotations

import importlib
import logging
import os
from functools import partial
from typing import Callable, Protocol

log = logging.getLogger(__name__)

# compiled module → (fallback module, what it does here)
COMPILED: dict[str, tuple[str, str]] = {
    "rjieba": ("jieba (pure Python)", "word segmentation"),
    "ahocorasick_rs": ("pyahocorasick (C extension)", "multi-pattern matching"),
}
# Near-duplicates need no compiled engine: yuqing.analysis.minhash (numpy) gives identical bits on
# every platform, which rensa/gaoya cannot (see that module and bench/dedup_cluster.py).


def is_active(module: str) -> bool:
    """True when the compiled `module` imports and has not been switched off by YUQING_PURE_PYTHON."""
    forced = {name.strip() for name in os.environ.get("YUQING_PURE_PYTHON", "").split(",")}
    if module in forced or "all" in forced:
        return False
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def report() -> list[str]:
    """One line per compiled dependency: active, or which fallback is used instead."""
    lines = []
    for module, (fallback, purpose) in COMPILED.items():
        if is_active(module):
            lines.append(f"{module}: active (compiled, {purpose})")
        else:
            lines.append(f"{module}: not used; fallback {fallback} does {purpose}: same results, slower")
    return lines


class JiebaEngine(Protocol):
    """What the segmenter needs from rjieba or jieba: both over jieba's own dictionary."""

    name: str
    cut: Callable[[str], list[str]]  # with the HMM for words not in the dictionary

    def add_word(self, word: str, freq: int) -> None:
        """Add `word`, or set its frequency; the dictionary's total changes by the difference."""

    def frequency(self, word: str) -> int:
        """The word's frequency in the dictionary; 0 when it is not a word there."""


class _RJieba:
    name = "rjieba"

    def __init__(self) -> None:
        import rjieba

        self._jieba = rjieba.Jieba()  # an instance of our own: user words do not leak to others
        self.cut: Callable[[str], list[str]] = self._jieba.cut  # bound method: no Python frame per call

    def add_word(self, word: str, freq: int) -> None:
        self._jieba.add_word(word, freq, None)

    def frequency(self, word: str) -> int:
        # no direct lookup; for a dictionary word its suggested frequency is its own
        return int(self._jieba.suggest_freq(word)) if self._jieba.has_word(word) else 0


class _Jieba:
    name = "jieba"

    def __init__(self) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" lines are debug noise
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        self.cut: Callable[[str], list[str]] = partial(self._jieba.lcut, HMM=True)

    def add_word(self, word: str, freq: int) -> None:
        old = self.frequency(word)
        self._jieba.add_word(word, freq)
        self._jieba.total -= old  # jieba adds the new frequency to the total; jieba-rs replaces the old

    def frequency(self, word: str) -> int:
        return int(self._jieba.FREQ.get(word, 0))


def jieba_engine(prefer_compiled: bool = True) -> JiebaEngine:
    """A fresh segmenter: rjieba when active, else jieba; logs which one."""
    if prefer_compiled and is_active("rjieba"):
        log.info("segmentation: rjieba (compiled) active")
        return _RJieba()
    log.warning("segmentation: rjieba not used; jieba (pure Python, same dictionary, ~15x slower) active")
    return _Jieba()
