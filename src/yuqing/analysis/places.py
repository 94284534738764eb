"""Place mentions in a post, resolved to administrative division codes: the public side.

find_places() for one text, PlacesStage for the pipeline, place_names() for the segmenter,
resolve_place_query() for rules (`place:永城`, `place:411481`). How codes nest: gazetteer.py;
which matches count: place_match.py; which place a shared name means: place_resolve.py.
Nothing is built at import: the gazetteer and the automaton are made on first use and kept.
"""

from __future__ import annotations

import hashlib
import logging
from functools import cache, cached_property
from typing import Any, Iterable

from yuqing.analysis.gazetteer import DATA_FILE, LEVELS, Place, get_gazetteer
from yuqing.analysis.pipeline import Post
from yuqing.analysis.place_match import PlaceMatcher
from yuqing.analysis.place_resolve import Candidate

log = logging.getLogger(__name__)

@cache
def get_matcher() -> PlaceMatcher:
    """Built on first use (about a second) and kept for the life of the process."""
    return PlaceMatcher(get_gazetteer())


def find_places(text: str, title: str = "") -> list[dict[str, Any]]:
    """Every place mention: {mention, code, name, level, path, start, end, field}.

    `path` lists codes from the province down to the place, inclusive (`path[0]` is always
    the province). `start`/`end` are character offsets into `text`, or into `title` where
    `field` is "title".
    """
    return get_matcher().find(text or "", title or "")


def region_names(code: str) -> dict[str, str | None]:
    """Province (full and short) and city names for a code, for the dashboard map; see
    Gazetteer.region_names."""
    return get_gazetteer().region_names(code)


def place_names() -> list[str]:
    """Full names and strong short names (simplified), for the segmenter's user dictionary."""
    forms = get_gazetteer().forms
    return sorted({f.text for f in forms if f.place is not None and not f.weak and not f.traditional})


def resolve_place_query(name_or_code: str) -> list[str]:
    """Code prefixes a rule `place:X` matches: a post matches if one of its places' codes
    starts with one of them. A name shared by several places gives all of them (朝阳区 →
    110105 and 220104); a qualified name picks one (长春朝阳区 → 220104); unknown gives []."""
    query = name_or_code.strip()
    gazetteer = get_gazetteer()
    if query.isdigit():
        return [query] if any(code.startswith(query) for code in gazetteer.places) else []
    matcher = get_matcher()
    if query in matcher.pattern_index:
        _, strong, weak = matcher.entries[matcher.pattern_index[query]]
        pool = strong or weak  # as find_places reads a bare name: 河南 is the province, not 河南县
        if not pool:  # a blocker word (孙中山, 松山湖): it names no place
            return []
        best = min(_prior(c) for c in pool)
        return _outermost(c.place.code for c in pool if _prior(c) == best)
    found = find_places(query)
    covered = sum(m["end"] - m["start"] for m in found)
    return [found[-1]["code"]] if found and covered == len(query.replace(" ", "")) else []


def _prior(candidate: Candidate) -> tuple[bool, int]:
    return not candidate.full, LEVELS.index(candidate.place.level)


def _outermost(codes: Iterable[str]) -> list[str]:
    """Drop codes inside another code of the list: their prefix is already covered."""
    kept: list[str] = []
    for code in sorted(set(codes)):
        if not any(code.startswith(k) for k in kept):
            kept.append(code)
    return kept


@cache
def poster_province(ip_location: str) -> dict[str, str]:
    """The province of an IP 属地 ("广东" → {"code": "44", "name": "广东省"}); a place abroad
    or unknown keeps its name with no code. Cached: a stream has a few dozen distinct values."""
    found = get_matcher().find(ip_location, "")
    if found and found[0].get("path"):
        code = found[0]["path"][0]
        return {"code": code, "name": get_gazetteer().name_of(code) or ip_location}
    return {"code": "", "name": ip_location}


class PlacesStage:
    """Pipeline stage: `places` (what the post talks about) from `text_clean` and `title`, and
    `ip_place` (where the poster was, by the platform's IP 属地) from `ip_location`: two separate
    signals, never mixed, since a Guangdong user posting about Henan is about Henan."""

    name = "places"
    reads = ("text_clean", "title", "ip_location")
    writes = ("places", "ip_place")

    @cached_property
    def version(self) -> str:
        """Changes with the matching code (the 5) and with the shipped gazetteer."""
        return "5+" + hashlib.blake2b(DATA_FILE.read_bytes(), digest_size=4).hexdigest()

    def __call__(self, batch: list[Post]) -> None:
        matcher = get_matcher()
        for post in batch:
            post["places"] = matcher.find(_field(post, "text_clean"), _field(post, "title"))
            ip = _field(post, "ip_location").strip()
            post["ip_place"] = poster_province(ip) if ip else None


def _field(post: Post, key: str) -> str:
    value = post.get(key)
    if value is None or isinstance(value, str):
        return value or ""
    log.warning("post %r: %s is %s, not text; read as its str()", post.get("id"), key, type(value).__name__)
    return str(value)


__all__ = [
    "LEVELS", "Place", "PlaceMatcher", "PlacesStage", "find_places", "place_names", "region_names", "resolve_place_query",
]
