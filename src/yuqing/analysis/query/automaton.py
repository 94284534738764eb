"""One multi-pattern automaton over every literal of every rule.

ahocorasick_rs (Rust) when installed, else pyahocorasick (C) with the same output: every
occurrence of every pattern, overlapping ones included, as (pattern index, start, end) in
character offsets. Callers must not rely on the order of the occurrences.
"""

from __future__ import annotations

import logging
from typing import Callable, Sequence

logger = logging.getLogger(__name__)

Occurrence = tuple[int, int, int]
"""(pattern index, start, end) with text[start:end] == patterns[index]."""


def backend_name() -> str:
    """Which implementation `Automaton` uses on this machine."""
    try:
        import ahocorasick_rs  # noqa: F401
    except ImportError:
        return "pyahocorasick"
    return "ahocorasick_rs"


class Automaton:
    """Finds all occurrences of a fixed list of non-empty patterns in one pass over a text."""

    def __init__(self, patterns: Sequence[str], backend: str | None = None) -> None:
        self.patterns = list(patterns)
        self.backend = backend or backend_name()
        if not self.patterns:
            self._find: Callable[[str], list[Occurrence]] = lambda text: []
        elif self.backend == "ahocorasick_rs":
            self._find = _rust_finder(self.patterns)
        else:
            logger.info("ahocorasick_rs is not installed; rule matching uses pyahocorasick (slower)")
            self._find = _c_finder(self.patterns)

    def find(self, text: str) -> list[Occurrence]:
        return self._find(text)


def _rust_finder(patterns: list[str]) -> Callable[[str], list[Occurrence]]:
    import ahocorasick_rs

    automaton = ahocorasick_rs.AhoCorasick(patterns)  # standard match kind: needed for overlapping
    return lambda text: automaton.find_matches_as_indexes(text, overlapping=True)


def _c_finder(patterns: list[str]) -> Callable[[str], list[Occurrence]]:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for index, pattern in enumerate(patterns):
        automaton.add_word(pattern, (index, len(pattern)))
    automaton.make_automaton()

    def find(text: str) -> list[Occurrence]:
        # pyahocorasick reports the inclusive end index; convert to the half-open form
        return [(index, end + 1 - size, end + 1) for end, (index, size) in automaton.iter(text)]

    return find
