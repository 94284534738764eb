"""Place mentions in a post, resolved to administrative division codes (see gazetteer.py).

One pass of a multi-pattern automaton over the text finds every form in the gazetteer; the
leftmost-longest usable match wins where matches overlap (河南省 over 河南, 孙中山 hides 中山).
A weak form (an ordinary word such as 东方 or 和平, or a township stem such as 芒山) counts only
right after a place that encloses it (海南东方, 永城芒山). A name shared by several places
(朝阳区: Beijing and Changchun) is resolved by the other places in the post: an enclosing place
right before it weighs most (长春朝阳区), then every place sharing its province or city. With no
hint, a county-level name goes to the place in a municipality or capital, a township name that
stays ambiguous is dropped, since a wrong township is worse than none.
"""

from __future__ import annotations

import hashlib
import logging
import re
from functools import cache, cached_property
from typing import Any, Iterable

from yuqing.analysis.gazetteer import DATA_FILE, LEVELS, Form, Gazetteer, Place, get_gazetteer
from yuqing.analysis.pipeline import Post
from yuqing.analysis.place_match import Automaton, Candidate, Mention, resolve

log = logging.getLogger(__name__)

ROAD_AFTER = frozenset("路街巷弄")  # 南京路 is in Shanghai, 中山路 in every city
ROAD_AFTER_TWO = frozenset({"大道", "大街", "东路", "西路", "南路", "北路", "中路"})
SEPARATORS = frozenset(" \u3000·的")  # allowed between 永城 and 芒山 in 永城的芒山
HANDLE = re.compile(r"@[^\s@:：,，。.!！?？;；、()（）\[\]【】<>《》\"“”'‘’/#]{1,30}")


class PlaceMatcher:
    """The automaton over every form of the gazetteer, and the matching rules above."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        by_text: dict[str, list[Form]] = {}
        for form in gazetteer.forms:
            by_text.setdefault(form.text, []).append(form)
        self.patterns = list(by_text)
        self.pattern_index = {text: i for i, text in enumerate(self.patterns)}
        self.entries = [_entry(forms) for forms in by_text.values()]
        self.automaton = Automaton(self.patterns)

    def find(self, text: str, title: str = "") -> list[dict[str, Any]]:
        """Mentions in the title, then in the text; offsets index the field named by `field`."""
        mentions = self.scan(title, "title") + self.scan(text, "text")
        resolve(mentions)
        return [m.as_dict() for m in mentions if m.place is not None]

    def scan(self, text: str, field: str) -> list[Mention]:
        if not text:
            return []
        matches = self.automaton.find(text)
        if not matches:
            return []
        matches.sort(key=_leftmost_longest)
        hidden = [(s, e) for p, s, e in matches if self.entries[p][0]]
        if "@" in text:
            hidden += [m.span() for m in HANDLE.finditer(text)]  # @平安肇庆 is an account, not a place
        mentions: list[Mention] = []
        pos = 0
        for pattern, start, end in matches:
            blocker, strong, weak = self.entries[pattern]
            if start < pos or blocker or (hidden and _touches(hidden, start, end)) or _road_after(text, end):
                continue
            before = mentions[-1] if mentions and _adjacent(text, mentions[-1].end, start) else None
            if end - start == 2 and self._crosses(text, start, before):
                continue
            candidates = strong + tuple(c for c in weak if before and before.encloses(c.place)) if weak else strong
            if before is not None:  # 渭南北关村: a county's short name right after an unrelated place
                candidates = tuple(c for c in candidates if c.full or c.place.level != "county" or before.related(c.place))
            if candidates:
                mentions.append(Mention(text[start:end], start, end, field, candidates, before))
                pos = end
        return mentions

    def _crosses(self, text: str, start: int, before: Mention | None) -> bool:
        """Whether a common word overlaps this two-character match by one character (孩子长)."""
        crossing = self.gazetteer.crossing
        left = start > 0 and (before is None or before.end != start) and text[start - 1 : start + 1] in crossing
        return left or text[start + 1 : start + 3] in crossing


def _entry(forms: list[Form]) -> tuple[bool, tuple[Candidate, ...], tuple[Candidate, ...]]:
    """(is a blocker, strong candidates, weak candidates) for one pattern, each place once."""
    seen: dict[str, Candidate] = {}
    for form in sorted(forms, key=lambda f: (f.weak, not f.full)):
        if form.place is not None and form.place.code not in seen:
            seen[form.place.code] = Candidate(form.place, form.full, form.weak)
    strong = tuple(c for c in seen.values() if not c.weak)
    weak = tuple(c for c in seen.values() if c.weak)
    return any(f.place is None for f in forms), strong, weak


def _leftmost_longest(match: tuple[int, int, int]) -> tuple[int, int]:
    return match[1], -match[2]


def _touches(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a span overlaps [start, end) without lying inside it (东方红镇 contains 东方红)."""
    return any(s < end and start < e and not (start <= s and e <= end) for s, e in spans)


def _road_after(text: str, end: int) -> bool:
    return text[end : end + 1] in ROAD_AFTER or text[end : end + 2] in ROAD_AFTER_TWO


def _adjacent(text: str, previous_end: int, start: int) -> bool:
    return start == previous_end or (start == previous_end + 1 and text[previous_end] in SEPARATORS)


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
        return _outermost(c.place.code for c in (strong or weak))
    found = find_places(query)
    covered = sum(m["end"] - m["start"] for m in found)
    return [found[-1]["code"]] if found and covered == len(query.replace(" ", "")) else []


def _outermost(codes: Iterable[str]) -> list[str]:
    """Drop codes inside another code of the list: their prefix is already covered."""
    kept: list[str] = []
    for code in sorted(set(codes)):
        if not any(code.startswith(k) for k in kept):
            kept.append(code)
    return kept


class PlacesStage:
    """Pipeline stage: `places` from `text_clean` and `title`."""

    name = "places"
    reads = ("text_clean", "title")
    writes = ("places",)

    @cached_property
    def version(self) -> str:
        """Changes with the matching code (the 1) and with the shipped gazetteer."""
        return "1+" + hashlib.blake2b(DATA_FILE.read_bytes(), digest_size=4).hexdigest()

    def __call__(self, batch: list[Post]) -> None:
        matcher = get_matcher()
        for post in batch:
            post["places"] = matcher.find(_field(post, "text_clean"), _field(post, "title"))


def _field(post: Post, key: str) -> str:
    value = post.get(key)
    if value is None or isinstance(value, str):
        return value or ""
    log.warning("post %r: %s is %s, not text; read as its str()", post.get("id"), key, type(value).__name__)
    return str(value)


__all__ = ["LEVELS", "PlaceMatcher", "PlacesStage", "Place", "find_places", "place_names", "resolve_place_query"]
