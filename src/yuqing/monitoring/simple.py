"""Simple mode: three word boxes compiled to the rule language.

Place words × subject words × excluded words, as 思通-style products do: OR within a box, AND
across boxes, excluded words NOT-ed. Each word is taken literally (an operator typed in a box
is a word); the canonical printer quotes only the words that need it. Empty boxes are left out.
"""

from __future__ import annotations

import dataclasses
import re

from django.utils.translation import gettext as _

from yuqing.analysis.query import format, parse
from yuqing.analysis.query.ast import And, Node, Not, Or, Term
from yuqing.errors import InputError

_SEPARATORS = re.compile(r"[\s,，、;；|｜]+")


def words(box: str) -> list[str]:
    """The words of one box: separated by spaces, new lines, commas, 、 or semicolons; no duplicates."""
    found = [w.replace('"', "").replace("“", "").replace("”", "") for w in _SEPARATORS.split(box or "")]
    return list(dict.fromkeys(w for w in found if w))


def _literal(word: str) -> Term:
    """The word as the parser reads a quoted phrase (normalised), then marked a plain term."""
    term = parse(f'"{word}"')
    assert isinstance(term, Term)
    return dataclasses.replace(term, phrase=False, start=0, end=0)


def _any(box: str) -> Node | None:
    terms = [_literal(w) for w in words(box)]
    return None if not terms else terms[0] if len(terms) == 1 else Or(tuple(terms))


def compile_simple(place_words: str, subject_words: str, exclude_words: str) -> str:
    """The canonical rule for the three boxes; InputError when nothing would be matched."""
    parts = [node for node in (_any(place_words), _any(subject_words)) if node is not None]
    if not parts:
        raise InputError(_("Give at least one place word or subject word"))
    excluded = _any(exclude_words)
    if excluded is not None:
        parts.append(Not(excluded))
    expression = format(parts[0] if len(parts) == 1 else And(tuple(parts)))
    parse(expression)  # the stored text must read back
    return expression
