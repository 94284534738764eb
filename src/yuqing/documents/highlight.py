"""The matched words of a search marked in what the results show (<mark>), and the snippet around them.

Only words the query looks for are marked: terms under NOT and metadata fields (site:, place: …)
are not. Text is escaped first; only the <mark> elements are markup.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from yuqing.analysis.query.ast import And, Near, Node, Not, Or, Term

SNIPPET = 140


def terms(node: Node | None) -> list[str]:
    """The words to mark, longest first (so 化工厂 is marked whole, not 化工 inside it)."""
    found: set[str] = set()
    _collect(node, found)
    return sorted((t for t in found if t.strip()), key=len, reverse=True)


def _collect(node: Node | None, found: set[str]) -> None:
    if isinstance(node, Term) and node.field in (None, "title"):
        found.add(node.text)
    elif isinstance(node, Near):
        _collect(node.left, found)
        _collect(node.right, found)
    elif isinstance(node, (And, Or)):
        for child in node.children:
            _collect(child, found)
    # Not: what the query excludes is not in the results to mark


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None


def marked(text: str, words: list[str]) -> SafeString:
    pattern = _pattern(words)
    if pattern is None:
        return mark_safe(escape(text))
    out, last = [], 0
    for found in pattern.finditer(text):
        out += [escape(text[last:found.start()]), "<mark>", escape(found.group()), "</mark>"]
        last = found.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(text: str, words: list[str], size: int = SNIPPET) -> SafeString:
    """About `size` characters of `text` around its first match (its start when nothing matches), marked."""
    text = " ".join(text.split())
    pattern = _pattern(words)
    found = pattern.search(text) if pattern else None
    start = max(0, found.start() - size // 3) if found else 0
    part = text[start : start + size]
    return marked(("…" if start else "") + part + ("…" if start + size < len(text) else ""), words)
