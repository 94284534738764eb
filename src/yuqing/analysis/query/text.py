"""Text rules shared by the parser, the reference evaluator and the compiled matcher.

Everything that decides *whether a term occurs* lives here, so the two evaluators cannot drift:
the normalisation of queries and posts, the whole-word rule for Latin words, and the unit count
that NEAR distances are measured in.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from typing import Any, Callable, Sequence

# Scripts written without spaces between words: each character is a unit of its own and needs no
# word boundary (Han with its extensions, kana, Hangul, CJK compatibility ideographs).
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
# One NEAR unit: a CJK letter (not CJK punctuation), or a whole run of other word characters.
_UNIT_RE = re.compile(rf"(?=\w)[{_CJK}]|[^\W{_CJK}]+")
_SPACE_RE = re.compile(r"\s+")

SEPARATOR = "\n"
"""Between title and body, and between posts in a batch. No query literal contains it."""


def normalize_for_match(text: str) -> str:
    """The normalize stage's text_norm function when it is installed, else an equivalent fallback."""
    return _normalizer()(text)


@functools.cache
def _normalizer() -> Callable[[str], str]:
    try:  # the normalize stage is the single owner of this function; use it when present
        from yuqing.analysis.normalize import normalize_for_match as stage_function
    except ImportError:
        return _fallback_normalize
    return stage_function


def _fallback_normalize(text: str) -> str:
    """NFKC (full-width to half-width), traditional to simplified, Latin lower-case, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text)
    return _SPACE_RE.sub(" ", _t2s().convert(text).lower()).strip()


@functools.cache
def _t2s() -> Any:
    import opencc  # opencc-python-reimplemented: loaded only when the fallback is used

    return opencc.OpenCC("t2s")


def normalize_term(text: str) -> str:
    """A query literal: normalised like posts, whitespace collapsed to single spaces."""
    return _SPACE_RE.sub(" ", normalize_for_match(text)).strip()


def is_word_char(ch: str) -> bool:
    """True for Latin-like word characters (letters, digits, underscore outside CJK scripts)."""
    return (ch.isalnum() or ch == "_") and not _is_cjk(ord(ch))


def _is_cjk(code: int) -> bool:
    # the ranges of _CJK, as integers: this runs once per boundary check
    return (
        0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF
    )


def boundary_flags(literal: str) -> tuple[bool, bool]:
    """Whether a match of `literal` needs a word boundary before it and after it.

    A literal that starts (ends) with a Latin word character must not continue a Latin word in
    the text at that end; a CJK end needs nothing, because CJK text has no spaces between words.
    """
    return is_word_char(literal[0]), is_word_char(literal[-1])


def at_boundaries(text: str, start: int, end: int, flags: tuple[bool, bool]) -> bool:
    """True when text[start:end] satisfies the boundary flags of its literal."""
    if flags[0] and start > 0 and is_word_char(text[start - 1]):
        return False
    return not (flags[1] and end < len(text) and is_word_char(text[end]))


def occurrences(text: str, literal: str) -> list[int]:
    """Start offsets of every (overlapping) occurrence of literal in text that respects boundaries."""
    flags = boundary_flags(literal)
    found: list[int] = []
    start = text.find(literal)
    while start >= 0:
        if at_boundaries(text, start, start + len(literal), flags):
            found.append(start)
        start = text.find(literal, start + 1)
    return found


def units_between(text: str, start: int, end: int) -> int:
    """NEAR units in text[start:end]: CJK letters count one each, a Latin word or number one."""
    return len(_UNIT_RE.findall(text, start, end))


def near_in_text(
    text: str, lefts: Sequence[int], left_len: int, rights: Sequence[int], right_len: int,
    distance: int, ordered: bool,
) -> bool:
    """True when some left and some separate right occurrence have at most `distance` units between.

    `lefts`/`rights` are sorted start offsets in `text`. Ordered means left ends before right
    starts. The nearest right occurrence on each side is enough: units grow with the gap.
    """
    right_ends = [r + right_len for r in rights]
    for left in lefts:
        left_end = left + left_len
        after = bisect_left(rights, left_end)
        if after < len(rights) and _gap_ok(text, left_end, rights[after], distance):
            return True
        if not ordered:
            before = bisect_right(right_ends, left) - 1
            if before >= 0 and _gap_ok(text, right_ends[before], left, distance):
                return True
    return False


def _gap_ok(text: str, gap_start: int, gap_end: int, distance: int) -> bool:
    # a gap of at most `distance` characters cannot hold more units; skip the count then
    return gap_end - gap_start <= distance or units_between(text, gap_start, gap_end) <= distance


def normalized_texts(post: dict[str, Any]) -> tuple[str, str]:
    """(title, body) of a post as matched: title_norm/text_norm when the normalize stage ran."""
    title, text = post.get("title_norm"), post.get("text_norm")
    if title.__class__ is not str:  # not normalised yet (or odd): do it here
        title = _normalized(post.get("title"))
    if text.__class__ is not str:
        text = _normalized(post.get("text"))
    return title, text


def _normalized(raw: object) -> str:
    # text_norm comes from whitespace-collapsed clean text; do the same for raw text
    return _SPACE_RE.sub(" ", normalize_for_match(raw)).strip() if isinstance(raw, str) and raw else ""
