"""The syntax tree of a query. Immutable; positions are character offsets in the source text.

TEXT_FIELDS are matched against content (default: title or body); META_FIELDS are exact
comparisons against a post's metadata (place matches the division code and all inside it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

TEXT_FIELDS: frozenset[str] = frozenset({"title"})
META_FIELDS: frozenset[str] = frozenset({"site", "source", "author", "place", "sentiment", "risk", "type", "lang",
                                        "platform", "ip"})
FIELDS: frozenset[str] = TEXT_FIELDS | META_FIELDS


@dataclass(frozen=True)
class Term:
    """A bare word or a quoted phrase. `field` None means title or body."""

    text: str
    field: str | None = None
    phrase: bool = False
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Near:
    """`left NEAR/n right`: both within `distance` characters (CJK) or words (Latin) of each
    other, counted on normalised text; `ordered` (NEAR/nf) also requires left before right."""

    left: Term
    right: Term
    distance: int
    ordered: bool = False


@dataclass(frozen=True)
class And:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Not:
    child: "Node"


Node = Union[Term, Near, And, Or, Not]
