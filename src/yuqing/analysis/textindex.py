"""Index tokens for Chinese search: overlapping character bigrams, Latin words as words.

Both search backends index exactly these tokens, so a term of two or more CJK characters is
found as the phrase of its bigrams: exact, with no misses across word boundaries. Positions
leave a gap between runs so that a phrase can never match across punctuation, a Latin word, or
the border between title and body.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable, Iterator

CJK_CLASS = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0002ffff"
)
_RUNS = re.compile(f"([{CJK_CLASS}]+)|([^\\W_{CJK_CLASS}]+)")
CJK_RUN = re.compile(f"^[{CJK_CLASS}]+$")
TokenPos = tuple[str, int]


def _fallback_normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def normalizer() -> Callable[[str], str]:
    """The normalize stage's match normalisation, so queries and index agree character for character."""
    try:
        from yuqing.analysis.normalize import normalize_for_match
    except ImportError:  # normalize stage not installed in this build: plain NFKC + lower-case
        return _fallback_normalize
    return normalize_for_match


def runs(normalized: str) -> Iterator[tuple[str, bool]]:
    """Yield (run, is_cjk) for each CJK run or Latin/digit word of already-normalised text."""
    for match in _RUNS.finditer(normalized):
        cjk, word = match.groups()
        yield (cjk, True) if cjk else (word, False)


def run_tokens(run: str, is_cjk: bool) -> list[str]:
    if not is_cjk or len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_tokens(normalized: str, start: int = 0) -> list[TokenPos]:
    """Tokens with positions; consecutive runs are separated by one empty position."""
    tokens: list[TokenPos] = []
    position = start
    for run, is_cjk in runs(normalized):
        for token in run_tokens(run, is_cjk):
            tokens.append((token, position))
            position += 1
        position += 1  # the gap: no phrase crosses a run boundary
    return tokens


def is_single_cjk_run(normalized: str) -> bool:
    return bool(CJK_RUN.match(normalized))
