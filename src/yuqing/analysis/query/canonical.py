"""Print an AST in one canonical form: upper-case English keywords, normalised terms, a field
prefix on every fielded term, and parentheses only where precedence needs them.

`parse(format(node))` gives back `node` (positions aside), so the canonical form can be stored.
"""

from __future__ import annotations

from yuqing.analysis.query.ast import And, Near, Node, Not, Or, Term
from yuqing.analysis.query.lexer import tokenize
from yuqing.errors import QueryError

_PRECEDENCE = {Or: 1, And: 2, Not: 3, Near: 4, Term: 4}


def format(node: Node) -> str:  # noqa: A001 - the name the rest of the project calls
    """The canonical text of a query tree."""
    if isinstance(node, Term):
        return _term(node)
    if isinstance(node, Near):
        suffix = "f" if node.ordered else ""
        return f"{_term(node.left)} NEAR/{node.distance}{suffix} {_term(node.right)}"
    if isinstance(node, Not):
        return "NOT " + _child(node.child, _PRECEDENCE[Not])
    joiner = " AND " if isinstance(node, And) else " OR "
    return joiner.join(_child(child, _PRECEDENCE[type(node)] + 1) for child in node.children)


def _child(node: Node, needed: int) -> str:
    text = format(node)
    return text if _PRECEDENCE[type(node)] >= needed else f"({text})"


def _term(term: Term) -> str:
    prefix = f"{term.field}:" if term.field else ""
    quoted = term.phrase or not _reads_back_as_word(term.text)
    return prefix + (f'"{term.text}"' if quoted else term.text)


def _reads_back_as_word(text: str) -> bool:
    """True when `text` typed bare lexes as one plain word (not a keyword, field or operator)."""
    try:
        tokens = tokenize(text)
    except QueryError:
        return False
    return len(tokens) == 2 and tokens[0].kind == "word" and tokens[0].text == text
