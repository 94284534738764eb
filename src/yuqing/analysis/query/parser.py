"""Recursive-descent parser: tokens → AST, with errors in plain English and Chinese.

Grammar (binding from tightest to loosest: NEAR, NOT, AND, OR):

    query    := or_expr END
    or_expr  := and_expr (OR and_expr)*
    and_expr := unary ([AND] unary)*           juxtaposition means AND
    unary    := NOT unary | near
    near     := primary [NEAR/n primary]       both sides single terms of the same text field
    primary  := [FIELD] (WORD | PHRASE | "(" or_expr ")")

A field before a group applies to every term inside that has no field of its own.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator, Mapping

from yuqing.analysis.query.ast import META_FIELDS, And, Near, Node, Not, Or, Term
from yuqing.analysis.query.fields import FieldValueError, canonical_value
from yuqing.analysis.query.lexer import Token, tokenize
from yuqing.analysis.query.text import normalize_term
from yuqing.errors import ConfigError, QueryError

_OPERAND_START = {"word", "phrase", "field", "open", "not"}
MAX_DEPTH = 64  # nested groups and NOTs; deeper input is refused rather than overflowing the stack
# Terms in one rule (YUQING_MAX_RULE_TERMS). Each becomes a condition in one SQL statement, and SQLite
# refuses an expression deeper than 1,000 ("Expression tree is too large"); 500 leaves room for
# groups and filters, and is far more than a hand-written rule holds (split a longer word list over
# several schemes). An office may lower it, or raise it up to TERMS_SQLITE_TAKES.
MAX_TERMS = 500
TERMS_SQLITE_TAKES = 900


def max_terms(environ: Mapping[str, str] | None = None) -> int:
    """The most terms a rule may hold: YUQING_MAX_RULE_TERMS, or MAX_TERMS when it is not set."""
    raw = (os.environ if environ is None else environ).get("YUQING_MAX_RULE_TERMS", "").strip()
    if not raw:
        return MAX_TERMS
    if not raw.isdigit() or not 1 <= int(raw) <= TERMS_SQLITE_TAKES:
        raise ConfigError(f"YUQING_MAX_RULE_TERMS={raw!r}: give a whole number from 1 to {TERMS_SQLITE_TAKES} "
                         f"(SQLite refuses longer expressions; default {MAX_TERMS})")
    return int(raw)


def parse(query: str) -> Node:
    """Parse a rule or search expression; raises QueryError (with .position, .message_zh)."""
    return _Parser(tokenize(query)).parse()


def _error(token: Token, message: str, message_zh: str) -> QueryError:
    # .position is a 0-based offset for the editor; the words count characters from 1, as people do
    column = token.start + 1
    return QueryError(f"{message} (at character {column})", token.start, f"{message_zh}（第 {column} 个字符）")


def _shown(token: Token) -> str:
    return token.text if token.kind != "phrase" else f'"{token.text}"'


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0
        self.terms = 0
        self.max_terms = max_terms()

    def peek(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise _error(Token("end", "", 0, 0), "the query is empty; type at least one word", "查询为空，请至少输入一个词")
        node = self.or_expr(None)
        token = self.peek()
        if token.kind == "close":
            raise _error(token, "this closing parenthesis has no opening one", "这个右括号没有对应的左括号")
        if token.kind != "end":  # e.g. a NEAR after a NEAR
            raise _error(token, f"{_shown(token)} cannot stand here", f"{_shown(token)} 不能出现在这里")
        return node

    def or_expr(self, field: str | None) -> Node:
        children = [self.and_expr(field)]
        while self.peek().kind == "or":
            self.expect_operand_after(self.take())
            children.append(self.and_expr(field))
        return _flat(Or, children)

    def and_expr(self, field: str | None) -> Node:
        children = [self.unary(field)]
        while self.peek().kind in _OPERAND_START | {"and"}:
            if self.peek().kind == "and":
                self.expect_operand_after(self.take())
            children.append(self.unary(field))
        return _flat(And, children)

    def unary(self, field: str | None) -> Node:
        if self.peek().kind == "not":
            operator = self.take()
            self.expect_operand_after(operator)
            with self.nested(operator):
                return Not(self.unary(field))
        return self.near(field)

    def near(self, field: str | None) -> Node:
        left = self.primary(field)
        if self.peek().kind != "near":
            return left
        operator = self.take()
        self.expect_operand_after(operator)
        if self.peek().kind not in ("word", "phrase", "field"):
            raise _near_sides_error(operator)
        right = self.primary(field)
        _check_near_sides(operator, left, right)
        assert isinstance(left, Term) and isinstance(right, Term)
        if self.peek().kind == "near":
            raise _error(self.peek(), "NEAR joins exactly two terms; write (a NEAR/5 b) AND (b NEAR/5 c)",
                         "NEAR 只能连接两个词；请写成 (a NEAR/5 b) AND (b NEAR/5 c)")
        return Near(left, right, operator.distance, operator.ordered)

    def primary(self, field: str | None) -> Node:
        token = self.peek()
        if token.kind == "field":
            return self.field_value(self.take())
        if token.kind in ("word", "phrase"):
            return self.term(self.take(), field)
        if token.kind == "open":
            return self.group(self.take(), field)
        if token.kind in ("and", "or", "near"):
            raise _error(token, f"{token.text} has nothing before it", f"{token.text} 前面缺少搜索词")
        raise _error(token, f"expected a word, a phrase or '(' here, not {_shown(token)}",
                     f"这里应是词、引号短语或左括号，而不是 {_shown(token)}")

    def field_value(self, field_token: Token) -> Node:
        token = self.peek()
        if token.kind in ("word", "phrase"):
            return self.term(self.take(), field_token.text)
        if token.kind == "open":
            return self.group(self.take(), field_token.text)
        raise _error(field_token, f"{field_token.text}: needs a word, a phrase or a group in parentheses "
                     f"right after it (to exclude, write -{field_token.text}:word)",
                     f"{field_token.text}: 后面应紧跟词、引号短语或括号（要排除请写 -{field_token.text}:词）")

    def term(self, token: Token, field: str | None) -> Term:
        self.terms += 1
        if self.terms > self.max_terms:
            raise _error(token, f"a rule holds at most {self.max_terms} words; split the list over several schemes",
                         f"一条规则最多 {self.max_terms} 个词，请把词表拆到几个方案里")
        return _term(token, field)

    def group(self, opening: Token, field: str | None) -> Node:
        if self.peek().kind == "close":
            raise _error(opening, "the parentheses are empty", "括号里是空的")
        with self.nested(opening):
            node = self.or_expr(field)
        if self.peek().kind != "close":
            raise _error(opening, "this parenthesis is never closed; add ')'", "这个左括号没有闭合，请补上右括号")
        self.take()
        return node

    @contextmanager
    def nested(self, token: Token) -> Iterator[None]:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _error(token, f"the query nests parentheses and NOTs more than {MAX_DEPTH} deep",
                         f"查询中括号和 NOT 的嵌套超过 {MAX_DEPTH} 层")
        yield
        self.depth -= 1

    def expect_operand_after(self, operator: Token) -> None:
        """A binary or prefix operator must be followed by something it can apply to."""
        following = self.peek()
        if following.kind in ("end", "close"):
            raise _error(operator, f"{operator.text} has nothing after it", f"{operator.text} 后面缺少搜索词")
        if following.kind not in _OPERAND_START:
            raise _error(following, f"{following.text} has nothing before it (it follows {operator.text})",
                         f"{following.text} 前面缺少搜索词（紧跟在 {operator.text} 之后）")


def _term(token: Token, field: str | None) -> Term:
    try:
        text = canonical_value(field, token.text) if field in META_FIELDS else normalize_term(token.text)
    except FieldValueError as bad:
        raise _error(token, str(bad), bad.message_zh) from None
    if not text:
        raise _error(token, f"{_shown(token)} has nothing to search for", f"{_shown(token)} 中没有可搜索的文字")
    return Term(text, field, token.kind == "phrase", token.start, token.end)


def _check_near_sides(operator: Token, left: Node, right: Node) -> None:
    if not (isinstance(left, Term) and isinstance(right, Term)):
        raise _near_sides_error(operator)
    if left.field in META_FIELDS or right.field in META_FIELDS:
        raise _error(operator, f"{operator.text} measures distance in text; site:, author: and other "
                     "metadata fields have no position", f"{operator.text} 度量的是正文中的距离，site:、author: 等"
                     "元数据字段没有位置")
    if left.field != right.field:
        raise _error(operator, f"both sides of {operator.text} must search the same text (both title: or "
                     "neither)", f"{operator.text} 两侧必须搜索同一处文字（都加 title: 或都不加）")


def _near_sides_error(operator: Token) -> QueryError:
    return _error(operator, f"{operator.text} joins two single words or phrases, not groups or NOT",
                  f"{operator.text} 只能连接两个单独的词或短语，不能连接括号组合或 NOT")


def _flat(kind: type[And] | type[Or], children: list[Node]) -> Node:
    """One child stays itself; nested nodes of the same kind merge, so `(a b) c` is And(a, b, c)."""
    if len(children) == 1:
        return children[0]
    merged: list[Node] = []
    for child in children:
        merged.extend(child.children if isinstance(child, kind) else (child,))
    return kind(tuple(merged))
