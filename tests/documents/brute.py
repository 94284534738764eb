"""A deliberately naive evaluator of the query AST over stored documents: the search oracle.

It scans every document and checks each term by plain substring (CJK) or whole-word (Latin)
tests on normalised text, independent of the index and of the compiled matcher.
"""

from __future__ import annotations

from yuqing.analysis.query.ast import And, Node, Not, Or, Term
from yuqing.analysis.textindex import normalizer, runs


def _term_matches(term: Term, title: str, body: str) -> bool:
    needle = normalizer()(term.text)
    fields = [title] if term.field == "title" else [title, body]
    parts = list(runs(needle))
    if len(parts) == 1 and not parts[0][1]:  # one Latin word: whole-word match
        return any(needle in {run for run, _ in runs(field)} for field in fields)
    return any(needle in field for field in fields)


def brute_matches(node: Node, title: str, body: str) -> bool:
    if isinstance(node, Term):
        return _term_matches(node, title, body)
    if isinstance(node, And):
        return all(brute_matches(c, title, body) for c in node.children)
    if isinstance(node, Or):
        return any(brute_matches(c, title, body) for c in node.children)
    if isinstance(node, Not):
        return not brute_matches(node.child, title, body)
    raise TypeError(node)


def brute_ids(node: Node, docs) -> set[int]:
    norm = normalizer()
    return {d.pk for d in docs if brute_matches(node, norm(d.title), norm(d.text))}
