"""The match form of text: one table lookup per character, built once from Unicode and OpenCC.

`to_match_form` does, per character, what NFKC + traditional→simplified + lower-case do, but keeps
exactly one character out for each character in, so offsets in text_norm are offsets in
text_clean and NEAR distances count real characters. Where a mapping would change the length
(NFKC turns … into ..., ™ into TM) the character is kept as it is.

Why not opencc.OpenCC("t2s").convert: it segments every text with a phrase dictionary in pure
Python, about 100 times slower than str.translate. OpenCC's own character table (TSCharacters)
gives the first, most common reading of each traditional character (乾 → 干, 瞭 → 瞭); its phrase
table (TSPhrases) then fixes the words where that reading is wrong (乾隆 stays 乾隆, 瞭解 → 了解).
Only the phrases the character table gets wrong are kept, and they are looked for only in texts
holding one of the characters they fix, so simplified text pays nothing for them.

The dictionaries come from opencc-python-reimplemented (Apache-2.0, data from the OpenCC project).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

# Invisible characters that split words without showing (zero-width space, joiners, BOM, soft
# hyphen, direction marks, C0 controls other than whitespace). The match form drops them, so the
# clean text must drop them too for offsets to stay aligned (see INVISIBLE_RE).
_INVISIBLE = "\x00-\x08\x0e-\x1b\x7f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]+")
_LAST_CODE_POINT = 0x30000  # BMP, SMP (math letters) and SIP (compatibility ideographs)


def to_match_form(text: str) -> str:
    """NFKC, full-width to half-width, traditional to simplified, lower-case; one char per char."""
    tables = _tables()
    if not tables.changes.search(text):
        return text  # most short posts: nothing to change, and the search is 10x cheaper than translate
    converted = text.translate(tables.characters)
    phrases = tables.phrases
    if phrases.trigger is not None and phrases.trigger.search(text):
        converted = phrases.fix(text, converted)
    return converted


@dataclass(frozen=True)
class _Tables:
    characters: dict[int, str | None]  # for str.translate; identity entries for CJK and ASCII, see below
    changes: re.Pattern[str]  # any character that the table or a phrase fix changes
    phrases: _PhraseFixes


class _PhraseFixes:
    """Phrases (same length in and out) that the character table converts wrongly."""

    def __init__(self, fixes: dict[str, str], triggers: set[str]):
        self.fixes = fixes
        longest_first = sorted(fixes, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, longest_first))) if fixes else None
        self.trigger_characters = "".join(sorted(triggers))
        self.trigger = _character_class({ord(c) for c in triggers}) if triggers else None

    def fix(self, original: str, converted: str) -> str:
        """Overwrite, in the converted text, every phrase found in the original text."""
        assert self.pattern is not None
        pieces: list[str] = []
        done = 0
        for match in self.pattern.finditer(original):
            pieces.append(converted[done : match.start()])
            pieces.append(self.fixes[match.group()])
            done = match.end()
        if not pieces:
            return converted
        pieces.append(converted[done:])
        return "".join(pieces)


@cache
def _tables() -> _Tables:
    characters, phrases = _opencc_dictionaries()
    table = _character_table(characters)
    fixes = _phrase_fixes(phrases, table)
    changing = set(table) | {ord(c) for c in fixes.trigger_characters}
    # str.translate raises and catches a KeyError for every character missing from the table;
    # identity entries for the common blocks avoid that and make it about 25% faster
    for code in (*range(0x80), *range(0x4E00, 0xA000)):
        table.setdefault(code, chr(code))
    return _Tables(table, _character_class(changing), fixes)


def _character_class(codes: set[int]) -> re.Pattern[str]:
    """A regex [...] matching these code points (and a few more outside the BMP).

    The BMP part is exact: the regex engine compiles it to a bitmap. Outside the BMP each range is
    one more comparison per character, so there the ranges are merged across gaps (the extra
    characters only cost a translate that leaves them unchanged), emoji excepted.
    """
    ranges: list[str] = []
    for first, last in _runs(sorted(c for c in codes if c < 0x10000), gap=1):
        ranges.append(re.escape(chr(first)) + ("" if first == last else "-" + re.escape(chr(last))))
    for first, last in _runs(sorted(c for c in codes if c >= 0x10000), gap=0x1000):
        for first, last in _without_emoji(first, last):
            ranges.append(f"{chr(first)}-{chr(last)}")
    return re.compile(f"[{''.join(ranges)}]")


_EMOJI = (0x1F300, 0x1FAFF)  # no NFKC or t2s mapping in there, and common in posts


def _without_emoji(first: int, last: int) -> list[tuple[int, int]]:
    if last < _EMOJI[0] or first > _EMOJI[1]:
        return [(first, last)]
    parts = [(first, _EMOJI[0] - 1), (_EMOJI[1] + 1, last)]
    return [(a, b) for a, b in parts if a <= b]


def _runs(codes: list[int], gap: int) -> list[tuple[int, int]]:
    """(first, last) of each run of codes whose neighbours are at most `gap` apart."""
    runs: list[tuple[int, int]] = []
    for code in codes:
        if runs and code - runs[-1][1] <= gap:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return runs


def _character_table(t2s: dict[str, str]) -> dict[int, str | None]:
    """code point → replacement for every character the match form changes (None: dropped)."""
    table: dict[int, str | None] = {}
    for code in range(_LAST_CODE_POINT):
        char = chr(code)
        if INVISIBLE_RE.match(char):
            table[code] = None
            continue
        out = unicodedata.normalize("NFKC", char)
        if len(out) != 1:
            out = char  # keep one character out per character in
        out = t2s.get(out, out)
        lower = out.lower()
        out = lower if len(lower) == 1 else out
        if out != char:
            table[code] = out
    return _to_fixed_point(table)


def _to_fixed_point(table: dict[int, str | None]) -> dict[int, str | None]:
    """Follow chains (薴 → 苧 → 苎) to their end, so the match form of a match form is itself.

    A rule is stored in match form and matched against texts in match form; were the mapping not
    idempotent, normalising a rule again would change what it matches.
    """
    for code, out in table.items():
        seen = {code}
        while out is not None and ord(out) in table and ord(out) not in seen:
            seen.add(ord(out))
            out = table[ord(out)]
        table[code] = out
    return table


def _phrase_fixes(phrases: dict[str, str], table: dict[int, str | None]) -> _PhraseFixes:
    fixes: dict[str, str] = {}
    triggers: set[str] = set()
    for source, target in phrases.items():
        by_character = source.translate(table)
        if len(source) != len(target) or by_character == target:
            continue  # other lengths would break offsets; equal ones need no fix
        fixes[source] = target
        triggers.add(_rarest_character(source, by_character, target, table))
    # A fixed phrase stays as it is when converted again (乾圖 → 乾图, and 乾图 stays 乾图, not 干图)
    for target in list(fixes.values()):
        kept = target.translate(table)
        if kept != target and target not in fixes:
            fixes[target] = target
            triggers.add(_rarest_character(target, kept, target, table))
    return _PhraseFixes(fixes, triggers)


def _rarest_character(source: str, by_character: str, target: str, table: dict[int, str | None]) -> str:
    """A character every occurrence of `source` holds, preferably a traditional-only one.

    Texts without it skip the phrase search. A character the table changes is traditional and
    rare in simplified text; failing that, the character the fix is about (沈 in 沈船 → 沉船).
    """
    for char in source:
        if ord(char) in table:
            return char
    return next(s for s, c, t in zip(source, by_character, target) if c != t)


def _opencc_dictionaries() -> tuple[dict[str, str], dict[str, str]]:
    """(TSCharacters first readings, TSPhrases first readings) from the installed OpenCC data."""
    spec = find_spec("opencc")
    if spec is None or spec.origin is None:
        return {}, {}  # no OpenCC data: the match form still does NFKC and lower-case
    folder = Path(spec.origin).parent / "dictionary"
    characters = {k: v for k, v in _read_pairs(folder / "TSCharacters.txt").items() if len(k) == 1}
    return characters, _read_pairs(folder / "TSPhrases.txt")


def _read_pairs(path: Path) -> dict[str, str]:
    pairs: dict[str, str] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            source, _, targets = line.rstrip("\n").partition("\t")
            if source and targets:
                pairs[source] = targets.split(" ")[0]
    return pairs
