"""Choosing the place a mention names, from the other places of the same post.

A name shared by several places (朝阳区: Beijing and Changchun) is read, in this order: an
enclosing place written right before it decides (长春朝阳区); else a full name beats a short one
and a province a city, a city a county (河南 is the province); among equals the other places of
the post vote by the depth of the path they share (海淀区 makes 朝阳区 Beijing's); then a place
in a municipality or capital wins (朝阳区 alone is Beijing's). A township name still tied after
all that is dropped: a wrong township is worse than none.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, NamedTuple

from yuqing.analysis.gazetteer import LEVELS, Place

LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}


class Candidate(NamedTuple):
    place: Place
    full: bool  # matched by the full name, not a short form
    weak: bool


class Mention:
    """One matched span and the places it may name; `place` is set by resolve()."""

    __slots__ = ("text", "start", "end", "field", "candidates", "before", "place")

    def __init__(self, text: str, start: int, end: int, field: str, candidates: tuple[Candidate, ...], before: "Mention | None"):
        self.text, self.start, self.end, self.field = text, start, end, field
        self.candidates = candidates
        self.before = before  # the mention written right before this one, if any
        self.place: Place | None = candidates[0].place if len(candidates) == 1 else None

    def encloses(self, place: Place) -> bool:
        """Whether one of this mention's candidates contains `place` (永城 contains 芒山镇)."""
        return any(c.place.code in place.path[:-1] for c in self.candidates)

    def related(self, place: Place) -> bool:
        """Encloses `place`, or one of the candidates is its sibling (静安普陀, 河南永城)."""
        return self.encloses(place) or any(c.place.path[:-1] == place.path[:-1] for c in self.candidates)

    def as_dict(self) -> dict[str, Any]:
        place = self.place
        assert place is not None
        return {
            "mention": self.text, "code": place.code, "name": place.name, "level": place.level,
            "path": list(place.path), "start": self.start, "end": self.end, "field": self.field,
        }


def resolve(mentions: list[Mention]) -> None:
    """Choose a place for every mention that has several candidates (see the module doc)."""
    ambiguous = [m for m in mentions if m.place is None]
    if not ambiguous:
        return
    votes = _votes(mentions)
    total = sum(votes.values(), Counter())
    for mention in ambiguous:
        own = votes[mention.text]  # the same name again says nothing about which place it is
        mention.place = choose(mention, lambda place: sum(total[c] - own[c] for c in place.path))


def _votes(mentions: list[Mention]) -> dict[str, Counter]:
    """Per name written, how much its mentions back each code: a mention spreads one vote over
    its candidates, and a candidate backs every code on its path. Linear in the mentions, so a
    long text full of names costs no more than its length."""
    votes: dict[str, Counter] = {}
    for mention in mentions:
        counter = votes.setdefault(mention.text, Counter())
        share = 1.0 / len(mention.candidates)
        for candidate in mention.candidates:
            for code in candidate.place.path:
                counter[code] += share
    return votes


def choose(mention: Mention, context: Callable[[Place], float]) -> Place | None:
    """The best candidate by _rank; None for a township name the post does not pin down."""
    ranked = sorted((_rank(c, mention, context), c) for c in mention.candidates)
    (best_rank, best), rest = ranked[0], ranked[1:]
    if best.place.level == "township" and rest and rest[0][1].place.level == "township" and rest[0][0][:4] == best_rank[:4]:
        return None
    return best.place


def _rank(candidate: Candidate, mention: Mention, context: Callable[[Place], float]) -> tuple:
    """Smaller is better; the order is the module doc's. `context` is how many of the other
    mentions share each level of the candidate's path (海淀区 makes 朝阳区 Beijing's)."""
    place = candidate.place
    adjacent = mention.before is not None and mention.before.encloses(place)
    return (not adjacent, not candidate.full, LEVEL_RANK[place.level], -context(place), -place.prominence, place.code)
