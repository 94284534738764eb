"""One automaton pass over a whole batch: which literals each post contains, and where.

The batch is joined into one string, `title SEP body SEP title SEP body ...`, so the automaton is
called once per batch rather than once per post. No literal contains SEP, so no occurrence spans
two posts or a title and a body.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import chain
from typing import Sequence

from yuqing.analysis.query.automaton import Automaton
from yuqing.analysis.query.compiler import NearSpec
from yuqing.analysis.query.text import SEPARATOR, at_boundaries, near_in_text


class PostScan:
    """What one post contains: literal ids anywhere (`present`), in the title, NEAR positions."""

    __slots__ = ("present", "in_title", "positions", "text", "start", "title_end", "end", "nears")

    def __init__(self, text: str, start: int, title_end: int, end: int, nears: Sequence[NearSpec]):
        self.present: set[int] = set()
        self.in_title: set[int] = set()
        self.positions: dict[int, list[int]] = {}
        self.text, self.start, self.title_end, self.end = text, start, title_end, end
        self.nears = nears

    def near(self, index: int) -> bool:
        """Whether NEAR number `index` of the rule set holds, within the title or within the body."""
        spec = self.nears[index]
        segments = [(self.start, self.title_end)]
        if not spec.title_only:
            segments.append((self.title_end + 1, self.end))
        return any(self._near_within(spec, low, high) for low, high in segments)

    def _near_within(self, spec: NearSpec, low: int, high: int) -> bool:
        lefts = self._starts_within(spec.left, low, high)
        rights = self._starts_within(spec.right, low, high)
        return bool(lefts and rights) and near_in_text(
            self.text, lefts, spec.left_len, rights, spec.right_len, spec.distance, spec.ordered
        )

    def _starts_within(self, literal: int, low: int, high: int) -> list[int]:
        return sorted(s for s in self.positions.get(literal, ()) if low <= s < high)


def join_batch(texts: Sequence[tuple[str, str]]) -> tuple[str, list[int]]:
    """The batch as one string, and the offset where each post's title starts."""
    starts: list[int] = []
    offset = 0
    for title, body in texts:
        starts.append(offset)
        offset += len(title) + len(body) + 2
    return "".join(chain.from_iterable((t, SEPARATOR, b, SEPARATOR) for t, b in texts)), starts


def scan_batch(
    automaton: Automaton,
    flags: Sequence[tuple[bool, bool] | None],
    near_literals: set[int],
    nears: Sequence[NearSpec],
    texts: Sequence[tuple[str, str]],
) -> dict[int, PostScan]:
    """PostScan of every post (by batch index) in which at least one literal occurs."""
    text, starts = join_batch(texts)
    scans: dict[int, PostScan] = {}
    for literal, start, end in automaton.find(text):
        check = flags[literal]
        if check is not None and not at_boundaries(text, start, end, check):
            continue
        index = bisect_right(starts, start) - 1
        scan = scans.get(index)
        if scan is None:
            title_end = starts[index] + len(texts[index][0])
            post_end = title_end + 1 + len(texts[index][1])
            scan = scans[index] = PostScan(text, starts[index], title_end, post_end, nears)
        scan.present.add(literal)
        if end <= scan.title_end:
            scan.in_title.add(literal)
        if literal in near_literals:
            scan.positions.setdefault(literal, []).append(start)
    return scans
