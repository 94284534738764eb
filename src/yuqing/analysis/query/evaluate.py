"""The reference evaluator: one query tree against one post, written for clarity, not speed.

The search backends use it to confirm candidates, and the tests hold the compiled matcher to it.
"""

from __future__ import annotations

from typing import Any

from yuqing.analysis.query.ast import META_FIELDS, And, Near, Node, Not, Or, Term
from yuqing.analysis.query.fields import PlaceResolver, meta_matches
from yuqing.analysis.query.text import near_in_text, normalized_texts, occurrences


def matches(node: Node, post: dict[str, Any], place_resolver: PlaceResolver | None = None) -> bool:
    """True when the post satisfies the query. Texts are title_norm/text_norm (or normalised here)."""
    return _Evaluation(post, place_resolver).holds(node)


class _Evaluation:
    def __init__(self, post: dict[str, Any], place_resolver: PlaceResolver | None) -> None:
        self.post = post
        self.resolver = place_resolver
        self.title, self.body = normalized_texts(post)

    def holds(self, node: Node) -> bool:
        if isinstance(node, And):
            return all(self.holds(child) for child in node.children)
        if isinstance(node, Or):
            return any(self.holds(child) for child in node.children)
        if isinstance(node, Not):
            return not self.holds(node.child)
        if isinstance(node, Near):
            return any(self.near_in(text, node) for text in self.texts(node.left))
        if node.field in META_FIELDS:
            return meta_matches(node, self.post, self.resolver)
        return any(occurrences(text, node.text) for text in self.texts(node))

    def texts(self, term: Term) -> tuple[str, ...]:
        """Where a text term is looked for: the title only, or the title and the body apart."""
        return (self.title,) if term.field == "title" else (self.title, self.body)

    @staticmethod
    def near_in(text: str, near: Near) -> bool:
        left, right = near.left.text, near.right.text
        return near_in_text(
            text, occurrences(text, left), len(left), occurrences(text, right), len(right),
            near.distance, near.ordered,
        )
