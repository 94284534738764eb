"""Choosing the place a mention names, from the other places of the same post.

A name shared by several places (朝阳区: Beijing and Changchun) is read, in this order: an
enclosing place written right before it decides (长春朝阳区); else a full name beats a short one
and a province a city, a city a county (河南 is the province); among equals the other places of
the post vote by the depth of the path they share (海淀区 makes 朝阳区 Beijing's); then a place
in a municipality or capital wins (朝阳区 alone is Beijing's). A township name still tied after
all that is dropped: a wrong township is worse than none.
"""

from __future__ import annotations

from typing import Any, NamedTuple

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
    """Choose a place for every mention that has several candidates (see places.py)."""
    for mention in mentions:
        if mention.place is None:
            mention.place = choose(mention, mentions)


def choose(mention: Mention, mentions: list[Mention]) -> Place | None:
    ranked = sorted((_rank(c, mention, mentions), c) for c in mention.candidates)
    (best_rank, best), rest = ranked[0], ranked[1:]
    if best.place.level == "township" and rest and rest[0][1].place.level == "township" and rest[0][0][:4] == best_rank[:4]:
        return None  # a township name the post does not pin down
    return best.place


def _rank(candidate: Candidate, mention: Mention, mentions: list[Mention]) -> tuple:
    """Smaller is better. An enclosing place written right before decides first; then a full
    name beats a short one and a province beats a city beats a county (河南 is the province
    unless 青海 stands before it); among equals the other places of the post decide."""
    place = candidate.place
    adjacent = mention.before is not None and mention.before.encloses(place)
    return (not adjacent, not candidate.full, LEVEL_RANK[place.level], -context_score(place, mention, mentions),
            -place.prominence, place.code)


def context_score(place: Place, mention: Mention, mentions: list[Mention]) -> float:
    """How much the other places of the post agree with `place`: the depth of the path they
    share, averaged over each other mention's candidates (海淀区 makes 朝阳区 Beijing's)."""
    score = 0.0
    for other in mentions:
        if other is mention or other.text == mention.text:
            continue  # the same name again says nothing about which place it is
        shared = sum(_shared_depth(place.path, c.place.path) for c in other.candidates)
        score += shared / len(other.candidates)
    return score


def _shared_depth(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    depth = 0
    for x, y in zip(a, b):
        if x != y:
            break
        depth += 1
    return depth
