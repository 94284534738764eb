"""Turn rule trees into (a) literals for one automaton, (b) a small Python predicate per rule over
the ids of the literals found in a post, and (c) each rule's *trigger*: a set of literal ids of
which at least one must be present for the rule to match (None when a rule can match with none
present, as `-广告` can). The matcher only evaluates rules whose trigger fired.

Text literal ids are automaton pattern indexes (0, 1, ...); metadata terms get negative ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from yuqing.analysis.query.ast import META_FIELDS, And, Near, Node, Not, Or, Term
from yuqing.analysis.query.fields import PlaceResolver, term_keys
from yuqing.analysis.query.text import boundary_flags

# Predicate arguments: p = ids present anywhere, t = ids present in the title, s = the post's scan
# state (for NEAR). Generated source contains only integers and these names, never user text.
Predicate = Callable[[set[int], set[int], object], bool]

# How often a trigger is expected to fire, to pick the rarest necessary child of an AND.
_META_WEIGHT = {"sentiment": 1.0, "risk": 1.0, "type": 0.5, "lang": 1.0, "site": 0.3, "source": 0.3, "place": 0.1, "author": 0.01,
                "platform": 0.3, "ip": 0.1}


@dataclass(frozen=True)
class NearSpec:
    left: int
    right: int
    left_len: int
    right_len: int
    distance: int
    ordered: bool
    title_only: bool


@dataclass
class LiteralTable:
    """Every literal and metadata term of a rule set, numbered once."""

    place_resolver: PlaceResolver | None = None
    texts: dict[str, int] = field(default_factory=dict)
    metas: dict[tuple[str, str], int] = field(default_factory=dict)
    meta_index: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    nears: list[NearSpec] = field(default_factory=list)
    near_literals: set[int] = field(default_factory=set)
    weights: dict[int, float] = field(default_factory=dict)

    def text_id(self, literal: str) -> int:
        if literal not in self.texts:
            self.texts[literal] = len(self.texts)
            self.weights[self.texts[literal]] = 4.0 ** -len(literal)  # longer literals are rarer
        return self.texts[literal]

    def meta_id(self, term: Term) -> int:
        key = (term.field or "", term.text)
        if key not in self.metas:
            ident = self.metas[key] = -1 - len(self.metas)
            self.weights[ident] = _META_WEIGHT[key[0]]
            by_key = self.meta_index.setdefault(key[0], {})
            for value in term_keys(term, self.place_resolver):
                by_key.setdefault(value, []).append(ident)
        return self.metas[key]

    def near_id(self, near: Near) -> int:
        left, right = self.text_id(near.left.text), self.text_id(near.right.text)
        self.near_literals.update((left, right))
        self.nears.append(NearSpec(left, right, len(near.left.text), len(near.right.text),
                                   near.distance, near.ordered, near.left.field == "title"))
        return len(self.nears) - 1

    def patterns(self) -> list[str]:
        return list(self.texts)  # dicts keep insertion order, which is the id order

    def boundary_flags(self) -> list[tuple[bool, bool] | None]:
        """Per text literal: its boundary flags, or None when it needs no check (CJK at both ends)."""
        return [flags if any(flags) else None for flags in map(boundary_flags, self.texts)]


def source(node: Node, table: LiteralTable) -> str:
    """Python source of the predicate for `node`, registering its literals in `table`."""
    if isinstance(node, And):
        return "(" + " and ".join(source(child, table) for child in node.children) + ")"
    if isinstance(node, Or):
        return "(" + " or ".join(source(child, table) for child in node.children) + ")"
    if isinstance(node, Not):
        return f"(not {source(node.child, table)})"
    if isinstance(node, Near):
        index = table.near_id(node)
        spec = table.nears[index]
        where = "t" if spec.title_only else "p"
        return f"({spec.left} in {where} and {spec.right} in {where} and s.near({index}))"
    if node.field in META_FIELDS:
        return f"({table.meta_id(node)} in p)"
    return f"({table.text_id(node.text)} in {'t' if node.field == 'title' else 'p'})"


def trigger(node: Node, table: LiteralTable) -> frozenset[int] | None:
    """Literal ids one of which must be present for `node` to hold; None if none is required."""
    if isinstance(node, Term):
        ident = table.meta_id(node) if node.field in META_FIELDS else table.text_id(node.text)
        return frozenset((ident,))
    if isinstance(node, Near):
        return trigger(node.left, table)
    if isinstance(node, Not):
        return None
    options = [trigger(child, table) for child in node.children]
    if isinstance(node, Or):
        return None if None in options else frozenset().union(*options)  # type: ignore[arg-type]
    required = [option for option in options if option is not None]
    return min(required, key=lambda ids: sum(table.weights[i] for i in ids), default=None)


def predicates(sources: list[str]) -> list[Predicate]:
    """Compile all predicate sources at once (one compile call is much faster than one per rule)."""
    code = "[" + ",\n".join(f"lambda p, t, s: {text}" for text in sources) + "]"
    checks: list[Predicate] = eval(compile(code, "<rules>", "eval"), {"__builtins__": {}})  # noqa: S307 - ints only
    return checks
