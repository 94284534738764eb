"""Finding place mentions in one text: the automaton, then the rules that keep a match.

One pass of a multi-pattern automaton finds every form of the gazetteer, overlapping. Going
left to right, the longest usable match at each position wins (河南省 over 河南). A match is
not used when:
- a blocker word touches it (孙中山 hides 中山; jieba's person names, idioms and organisations
  that contain a county's short name are blockers too), unless it is a name of 3+ characters
  written with its suffix (北京市公安局 and 六盘水市中心 still name 北京市 and 六盘水市);
- a road follows (南京路, 中山东路);
- it is a county's or township's name and a common word, or a broader place's name, overlaps
  its edge by one character (孩子长 is not 子长县, 从江苏 not 从江县); for a city only the right
  edge is checked (大理想), for a province nothing, for a county's name of 3+ characters written
  with its suffix only a broader place's name (将来凤县 is 来凤县, 信阳新县 is not 阳新县);
- it is a weak form (an ordinary word such as 东方, or a township stem such as 芒山) and its
  enclosing place is not written right before it (海南东方, 永城芒山), nor is it a county
  listed after a sibling county (麻栗坡、马关);
- it is a county's short name right after an unrelated place (渭南北关村), or right after a
  common surname with no place before it: a person's given name (徐石泉, 王成华, 周永康);
- it sits in an @handle and is not a province, a city or a full name of 3+ characters.
A city's or county's short name written with another division suffix takes the suffix in:
news writes the names from before a renaming (孟津县 for today's 孟津区, 旬阳县 for 旬阳市,
上饶县 inside 上饶市), and the suffix is part of the mention. Where the name's last character
and that 市 make 城市 or 都市 inside running text, the name is not used (就连城市 is not 连城,
三秦都市报 not 秦都; 、藁城市、 still is).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from functools import partial
from typing import Any, Callable

from yuqing.analysis.accel import is_active
from yuqing.analysis.gazetteer import Form, Gazetteer
from yuqing.analysis.place_resolve import Candidate, Mention, resolve

log = logging.getLogger(__name__)

BROAD_LEVELS = frozenset({"province", "city"})
ROAD_AFTER = frozenset("路街巷弄")  # 南京路 is in Shanghai, 中山路 in every city
ROAD_AFTER_TWO = frozenset({"大道", "大街", "东路", "西路", "南路", "北路", "中路"})
DIVISION_SUFFIX = frozenset("省市县区旗盟州镇乡")
# Words that end a name in a division suffix without being one (高新社区, 沿海城市, 由于城镇化).
WORD_ENDINGS = frozenset("社区 小区 园区 景区 城区 矿区 郊区 片区 城市 城镇 城乡 家乡 故乡 老乡 下乡 小镇 古镇 重镇".split())
# A suffix that starts one of these words is not the place's (松江市民, 合肥区域, 振兴乡村).
SUFFIX_WORDS = frozenset("市民 市场 市值 市面 市井 区域 区间 区块 区位 乡村".split())
# After 乡村, characters that make 村 a word of its own (村民, 村两委, 村组, 村委, 村干部).
VILLAGE_AFTER = frozenset("民两组委干")
OTHER_SUFFIX = frozenset("县区市")
# The commonest one-character surnames: before a county's short name they make a person's name
# (王成华). Left out: those that end a word often written before a place (位于, 对于, 为何, 担任,
# 上方, 提高, 感谢, 和田, 桥梁, 工程, 亚丁) or are a place's first character themselves (江, 金, 海).
SURNAMES = frozenset("王李张刘陈杨赵黄周吴徐孙胡朱林郭罗宋郑韩唐冯董萧曹袁邓许傅沈曾彭吕苏卢蒋蔡贾魏薛叶阎余潘杜戴夏钟汪姜范石姚谭廖邹熊陆郝孔崔邱秦")
LEFT_OF_PLACE = frozenset("在从到于至和与及原")  # 在藁城市: a place may follow
SEPARATORS = frozenset(" \u3000·的")  # allowed between 永城 and 芒山 in 永城的芒山
# Characters that often follow a place name and make a word with its last character (永城下了
# 大雨: 城下; 成都是: 都是); a right-edge overlap ending in one of them is no evidence.
AFTER_PLACE = frozenset("上下里外内边中前后东西南北市区县镇乡村人的是有会要在没不说也还就都和与跟被把让给对向从到")
SURROGATE = re.compile("[\ud800-\udfff]")
HANDLE = re.compile(r"@[^\s@:：,，。.!！?？;；、()（）\[\]【】<>《》\"“”'‘’/#]{1,30}")


class Automaton:
    """Every (pattern index, start, end) in a text, overlapping, character offsets.

    backend "auto" uses ahocorasick_rs where accel.is_active says so (installed, and not
    switched off by YUQING_PURE_PYTHON), pyahocorasick otherwise: both find the same set of
    matches. "rust" and "python" force one, for tests and benchmarks.
    """

    def __init__(self, patterns: list[str], backend: str = "auto"):
        if backend not in ("auto", "rust", "python"):
            raise ValueError(f"unknown automaton backend {backend!r}; use auto, rust or python")
        if backend == "auto":
            backend = "rust" if is_active("ahocorasick_rs") else "python"
            if backend == "python":
                log.warning("places: ahocorasick_rs not used; pyahocorasick active (same results, slower)")
        self.backend = backend
        if backend == "rust":
            import ahocorasick_rs

            automaton = ahocorasick_rs.AhoCorasick(patterns)
            self.find = partial(automaton.find_matches_as_indexes, overlapping=True)  # no Python frame
        else:
            self.find = _pyahocorasick(patterns)


def _pyahocorasick(patterns: list[str]) -> Callable[[str], list[tuple[int, int, int]]]:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for index, pattern in enumerate(patterns):
        automaton.add_word(pattern, (index, len(pattern)))
    automaton.make_automaton()

    def find(text: str) -> list[tuple[int, int, int]]:
        return [(index, last + 1 - length, last + 1) for last, (index, length) in automaton.iter(text)]

    return find


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
        strong = [f for f in gazetteer.forms if f.place and not f.weak and len(f.text) == 2]
        self.broad_words = frozenset(f.text for f in strong if f.place.level in BROAD_LEVELS)
        self.edge_words = gazetteer.crossing | self.broad_words

    def find(self, text: str, title: str = "") -> list[dict[str, Any]]:
        """Mentions in the title, then in the text; offsets index the field named by `field`."""
        mentions = self.scan(title, "title") + self.scan(text, "text")
        resolve(mentions)
        return [m.as_dict() for m in mentions if m.place is not None]

    def scan(self, text: str, field: str) -> list[Mention]:
        if not text:
            return []
        try:
            matches = self.automaton.find(text)
        except UnicodeEncodeError:  # a lone surrogate (a broken emoji): same length, no crash
            text = SURROGATE.sub("\ufffd", text)
            matches = self.automaton.find(text)
        if not matches:
            return []
        if len(matches) > 1:
            matches.sort(key=_leftmost_longest)
        entries = self.entries
        blocked = [(s, e) for p, s, e in matches if entries[p][0]]
        blocked = Spans(blocked) if blocked else NO_SPANS
        handles = Spans([m.span() for m in HANDLE.finditer(text)]) if "@" in text else NO_SPANS
        mentions: list[Mention] = []
        pos = 0
        for pattern, start, end in matches:
            if start < pos or entries[pattern][0] or _road_after(text, end):
                continue
            if blocked.touch(start, end) and not _suffixed(text, start, end):
                continue
            before = mentions[-1] if mentions and _adjacent(text, mentions[-1].end, start) else None
            candidates = self._candidates(pattern, before, handles.hold(start, end))
            if not candidates and mentions and text[mentions[-1].end : start] == "、":
                candidates = self._listed(pattern, mentions[-1])
            if candidates and self._crosses(text, start, end, before, candidates):
                continue
            if candidates and before is None and _after_surname(text, start, end, candidates):
                continue
            grow = _other_suffix(text, end, candidates) if candidates and text[end : end + 1] in OTHER_SUFFIX else 0
            if grow and _city_word(text, start, end, before):
                continue
            if candidates:
                end += grow
                mentions.append(Mention(text[start:end], start, end, field, candidates, before))
                pos = end
        return mentions

    def _candidates(self, pattern: int, before: Mention | None, in_handle: bool) -> tuple[Candidate, ...]:
        """Strong candidates; weak ones only right after their enclosing place (永城芒山).
        A county's short name right after an unrelated place is dropped (渭南北关村); in an
        @handle only provinces, cities and full names of 3+ characters count (@咸阳交警 and
        @东营区电信 yes, @文明丰台 and @苗圃 no)."""
        _, strong, weak = self.entries[pattern]
        candidates = strong + tuple(c for c in weak if before and before.encloses(c.place)) if weak else strong
        if before is not None:
            candidates = tuple(c for c in candidates if c.full or c.place.level != "county" or before.related(c.place))
        if in_handle:
            candidates = tuple(c for c in candidates if c.place.level in BROAD_LEVELS or (c.full and len(c.place.name) > 2))
        return candidates

    def _listed(self, pattern: int, previous: Mention) -> tuple[Candidate, ...]:
        """A county's weak short name listed right after a sibling county (麻栗坡、马关)."""
        weak = self.entries[pattern][2]
        return tuple(c for c in weak if c.place.level == "county" and previous.related(c.place)
                     and any(p.place.level == "county" for p in previous.candidates))

    def _crosses(self, text: str, start: int, end: int, before: Mention | None, candidates: tuple[Candidate, ...]) -> bool:
        """Whether a common word or a broader place's name overlaps this name by one character:
        孩子长 is not 子长县, 从江苏 not 从江县, 新兴城市 not 兴城市, 大理想 not 大理, 振兴乡村 not
        振兴乡. Province names are too well known to need the check; a city's is checked on its
        right edge only."""
        levels = {c.place.level for c in candidates}
        if "province" in levels:
            return False
        if levels == {"township"} and text[end - 1 : end + 1] in SUFFIX_WORDS and text[end + 1 : end + 2] not in VILLAGE_AFTER:
            return True  # 振兴乡村 is not 振兴乡; 官田乡村民 and 石室乡村两级干部 are 官田乡, 石室乡
        right = text[start + 1 : start + 3] if end - start == 2 else ""
        if right in self.edge_words and right[1:] not in AFTER_PLACE:
            return True
        left = start > 0 and (before is None or before.end != start) and "city" not in levels
        if not left:
            return False
        word = text[start - 1 : start + 1]
        if levels == {"county"} and _suffixed(text, start, end):  # 将来凤县, but not 信阳新县
            return word in self.broad_words
        return word in self.edge_words


def _entry(forms: list[Form]) -> tuple[bool, tuple[Candidate, ...], tuple[Candidate, ...]]:
    """(is a blocker, strong candidates, weak candidates) for one pattern, each place once."""
    if len(forms) == 1:  # most patterns: skip the sorting below
        form = forms[0]
        if form.place is None:
            return True, (), ()
        candidate = (Candidate(form.place, form.full, form.weak),)
        return False, (() if form.weak else candidate), (candidate if form.weak else ())
    seen: dict[str, Candidate] = {}
    for form in sorted(forms, key=lambda f: (f.weak, not f.full)):
        if form.place is not None and form.place.code not in seen:
            seen[form.place.code] = Candidate(form.place, form.full, form.weak)
    strong = tuple(c for c in seen.values() if not c.weak)
    weak = tuple(c for c in seen.values() if c.weak)
    return any(f.place is None for f in forms), strong, weak


def _leftmost_longest(match: tuple[int, int, int]) -> tuple[int, int]:
    return match[1], -match[2]


class Spans:
    """Spans sorted by start (blocker words, @handles), asked about in O(log n) each, so a
    hostile text of thousands of them stays linear-ish."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=0)

    def touch(self, start: int, end: int) -> bool:
        """Whether a span overlaps [start, end) without lying inside it (东方红镇 holds 东方红)."""
        if not self.spans:
            return False
        first = bisect_left(self.starts, start - self.longest)
        for s, e in self.spans[first : bisect_left(self.starts, end)]:
            if start < e and not (start <= s and e <= end):
                return True
        return False

    def hold(self, start: int, end: int) -> bool:
        """Whether one span contains [start, end)."""
        if not self.spans:
            return False
        first = bisect_left(self.starts, start - self.longest)
        return any(e >= end for _, e in self.spans[first : bisect_right(self.starts, start)])


NO_SPANS = Spans([])


def _suffixed(text: str, start: int, end: int) -> bool:
    """A name of 3+ characters written with its division suffix (永城市, 来凤县, 六盘水市): the
    suffix says it is the place, so a blocker around it (北京市公安局) or over its suffix
    (六盘水市中心) does not hide it. 社区, 城市, 城镇 … end in a suffix but are words."""
    if end - start < 3 or text[end - 2 : end] in WORD_ENDINGS:
        return False
    return text[end - 1] in DIVISION_SUFFIX or text[end - 2 : end] == "街道"


def _other_suffix(text: str, end: int, candidates: tuple[Candidate, ...]) -> int:
    """1 where a short name of a city or county is followed by a division suffix (孟津县 when
    the list has 孟津区), else 0. A full name (永城市) or a suffixed form (恩施州) has its own."""
    if text[end : end + 2] in SUFFIX_WORDS:  # the caller saw a suffix at `end`
        return 0
    if text[end - 1] in DIVISION_SUFFIX or any(c.full or c.place.level not in ("city", "county") for c in candidates):
        return 0
    city = any(c.place.level == "city" for c in candidates)
    return 0 if city and text[end : end + 2] == "县城" else 1  # 周口县城 is 周口's county seat


def _city_word(text: str, start: int, end: int, before: Mention | None) -> bool:
    """Whether the name's last character and the 市 after it make 城市 or 都市 inside running
    text (就连城市, 三秦都市报, 拟任城市): then it names no place. In a list or after a place
    (、藁城市、, 扬州市江都市) or a preposition (在双城市) it is the old county-level city."""
    if text[end - 1 : end + 1] not in ("城市", "都市") or before is not None or start == 0:
        return False
    left = text[start - 1]
    return "\u4e00" <= left <= "\u9fff" and left not in LEFT_OF_PLACE


def _after_surname(text: str, start: int, end: int, candidates: tuple[Candidate, ...]) -> bool:
    """A county's two-character short name right after a common surname, no place before it:
    a person's given name (审核：徐石泉, 画家王成华), not 石泉县 or 成华区."""
    return (end - start == 2 and start > 0 and text[start - 1] in SURNAMES and text[end : end + 1] not in DIVISION_SUFFIX
            and all(c.place.level == "county" and not c.full for c in candidates))


def _road_after(text: str, end: int) -> bool:
    return text[end : end + 1] in ROAD_AFTER or text[end : end + 2] in ROAD_AFTER_TWO


def _adjacent(text: str, previous_end: int, start: int) -> bool:
    return start == previous_end or (start == previous_end + 1 and text[previous_end] in SEPARATORS)


