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

BROAD_LEVELS = frozenset({"province", "city"})
ROAD_AFTER = frozenset("路街巷弄")  # 南京路 is in Shanghai, 中山路 in every city
ROAD_AFTER_TWO = frozenset({"大道", "大街", "东路", "西路", "南路", "北路", "中路"})
SEPARATORS = frozenset(" \u3000·的")  # allowed between 永城 and 芒山 in 永城的芒山
# Characters that often follow a place name and make a word with its last character (永城下了
# 大雨: 城下, 泰山上: 山上); a right-edge overlap ending in one of them is no evidence.
AFTER_PLACE = frozenset("上下里外内边中前后东西南北市区县镇乡村人的")
HANDLE = re.compile(r"@[^\s@:：,，。.!！?？;；、()（）\[\]【】<>《》\"“”'‘’/#]{1,30}")


class PlaceMatcher:
    """The automaton over every form of the gazetteer, and the matching rules above."""

    def __init__(self, gazetteer: Gazetteer, backend: str = "auto"):
        self.gazetteer = gazetteer
        by_text: dict[str, list[Form]] = {}
        for form in gazetteer.forms:
            by_text.setdefault(form.text, []).append(form)
        self.patterns = list(by_text)
        self.pattern_index = {text: i for i, text in enumerate(self.patterns)}
        self.entries = [_entry(forms) for forms in by_text.values()]
        self.automaton = Automaton(self.patterns, backend)
        broad = {f.text for f in gazetteer.forms if f.place and f.place.level in BROAD_LEVELS and not f.weak}
        self.edge_words = gazetteer.crossing | {f for f in broad if len(f) == 2}

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
        if len(matches) > 1:
            matches.sort(key=_leftmost_longest)
        entries = self.entries
        blocked = [(s, e) for p, s, e in matches if entries[p][0]]
        handles = [m.span() for m in HANDLE.finditer(text)] if "@" in text else []
        mentions: list[Mention] = []
        pos = 0
        for pattern, start, end in matches:
            if start < pos or entries[pattern][0] or (blocked and _touches(blocked, start, end)):
                continue
            if _road_after(text, end):
                continue
            before = mentions[-1] if mentions and _adjacent(text, mentions[-1].end, start) else None
            candidates = self._candidates(pattern, before, handles and _inside(handles, start, end))
            if candidates and self._crosses(text, start, end, before, candidates):
                continue
            if candidates:
                mentions.append(Mention(text[start:end], start, end, field, candidates, before))
                pos = end
        return mentions

    def _candidates(self, pattern: int, before: Mention | None, in_handle: bool) -> tuple[Candidate, ...]:
        """Strong candidates; weak ones only right after their enclosing place (永城芒山).
        A county's short name right after an unrelated place is dropped (渭南北关村); in an
        @handle only full names and provinces or cities count (@咸阳交警 yes, @文明丰台 no)."""
        _, strong, weak = self.entries[pattern]
        candidates = strong + tuple(c for c in weak if before and before.encloses(c.place)) if weak else strong
        if before is not None:
            candidates = tuple(c for c in candidates if c.full or c.place.level != "county" or before.related(c.place))
        if in_handle:
            candidates = tuple(c for c in candidates if c.full or c.place.level in BROAD_LEVELS)
        return candidates

    def _crosses(self, text: str, start: int, end: int, before: Mention | None, candidates: tuple[Candidate, ...]) -> bool:
        """Whether a common word, or a province or city name, overlaps this county or township
        name by one character (孩子长 is not 子长县, 从江苏 not 从江县, 新兴城市 not 兴城市).
        Province and city names are too well known to need the check."""
        if any(c.place.level in BROAD_LEVELS for c in candidates):
            return False
        edges = self.edge_words
        if start > 0 and (before is None or before.end != start) and text[start - 1 : start + 1] in edges:
            return True
        right = text[start + 1 : start + 3]
        return end - start == 2 and right in edges and right[1:] not in AFTER_PLACE



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


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


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
        pool = strong or weak  # as find_places reads a bare name: 河南 is the province, not 河南县
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
