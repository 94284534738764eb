"""Simple mode: three word boxes compiled to the rule language.

Place words × subject words × excluded words, as 思通-style products do: OR within a box, AND
across boxes, excluded words NOT-ed. Each word is quoted, so a word is always a literal phrase
(no operator inside a box ever changes the meaning). Empty boxes are left out.
"""

from __future__ import annotations

import re

from yuqing.analysis.query import format, parse
from django.utils.translation import gettext as _

from yuqing.errors import InputError

_SEPARATORS = re.compile(r"[\s,，、;；|｜]+")


def words(box: str) -> list[str]:
    """The words of one box: separated by spaces, new lines, commas, 、 or semicolons; no duplicates."""
    found = [w.replace('"', "").replace("“", "").replace("”", "") for w in _SEPARATORS.split(box or "")]
    return list(dict.fromkeys(w for w in found if w))


def _any(box: str) -> str:
    quoted = [f'"{w}"' for w in words(box)]
    return "(" + " OR ".join(quoted) + ")" if quoted else ""


def compile_simple(place_words: str, subject_words: str, exclude_words: str) -> str:
    """The canonical rule for the three boxes; InputError when nothing would be matched."""
    parts = [p for p in (_any(place_words), _any(subject_words)) if p]
    if not parts:
        raise InputError(_("Give at least one place word or subject word"))
    excluded = _any(exclude_words)
    expression = " AND ".join(parts) + (f" AND NOT {excluded}" if excluded else "")
    return format(parse(expression))
