"""Split a query into tokens, keeping each token's offsets in the text the user typed.

Full-width forms are recognised here one character at a time (not by normalising the whole
query first) so that error positions point at what the user actually sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yuqing.analysis.query.fields import FIELD_ALIASES, field_name
from yuqing.errors import QueryError

OPEN, CLOSE = "(（", ")）"
OR_CHARS, AND_CHARS, NOT_CHARS = "|｜", "+＋", "-－"
QUOTES = '"“”＂'
_SPECIAL = set(OPEN + CLOSE + OR_CHARS + AND_CHARS + QUOTES)
KEYWORDS = {"AND": "and", "与": "and", "OR": "or", "或": "or", "NOT": "not", "非": "not"}
_FIELD_RE = re.compile("([A-Za-zＡ-Ｚａ-ｚ]+|" + "|".join(FIELD_ALIASES) + ")[:：]")  # full-width from IMEs
_NEAR_RE = re.compile(r"NEAR/(\d{1,6})([fF]?)", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    """kind: word, phrase, field, open, close, and, or, not, near, end."""

    kind: str
    text: str
    start: int
    end: int
    distance: int = 0
    ordered: bool = False


def tokenize(query: str) -> list[Token]:
    """All tokens of the query followed by an `end` token; raises QueryError on bad lexemes."""
    tokens: list[Token] = []
    pos, after_field = 0, False
    while pos < len(query):
        ch = query[pos]
        if ch.isspace():
            pos += 1
            continue
        token = _single_char_token(ch, pos) or _quoted(query, pos) or _word(query, pos, after_field)
        tokens.append(token)
        after_field = token.kind == "field"
        pos = token.end
    tokens.append(Token("end", "", len(query), len(query)))
    return tokens


def _single_char_token(ch: str, pos: int) -> Token | None:
    for chars, kind in ((OPEN, "open"), (CLOSE, "close"), (OR_CHARS, "or"), (AND_CHARS, "and")):
        if ch in chars:
            return Token(kind, ch, pos, pos + 1)
    # '-' is NOT only where a word would start; inside a word (COVID-19) it is a letter
    return Token("not", ch, pos, pos + 1) if ch in NOT_CHARS else None


def _quoted(query: str, pos: int) -> Token | None:
    if query[pos] not in QUOTES:
        return None
    end = next((i for i in range(pos + 1, len(query)) if query[i] in QUOTES), -1)
    if end < 0:
        raise QueryError(
            f"the quote at character {pos + 1} is never closed; add a closing quote",
            pos, f"第 {pos + 1} 个字符处的引号没有闭合，请补上后引号",
        )
    return Token("phrase", query[pos + 1 : end], pos, end + 1)


def _word(query: str, pos: int, after_field: bool) -> Token:
    end = pos
    while end < len(query) and not query[end].isspace() and query[end] not in _SPECIAL:
        end += 1
    text = query[pos:end]
    field = None if after_field else _FIELD_RE.match(text)
    if field:
        return _field_token(field.group(1), pos)
    if text in KEYWORDS:
        return Token(KEYWORDS[text], text, pos, end)
    return _near_token(text, pos, end) or Token("word", text, pos, end)


def _field_token(written: str, pos: int) -> Token:
    name = field_name(written)
    if name is None:
        raise QueryError(
            f"unknown field {written!r} at character {pos + 1}; fields are title, site, source, author, "
            "place, sentiment, risk, type, lang (to search for text with a colon, put it in quotes)",
            pos, f"第 {pos + 1} 个字符处的字段“{written}”不存在；可用字段：title 标题、site 网站、source 来源、"
            "author 作者、place 地区、sentiment 情感、risk 风险、type 类型、lang 语言（要搜索带冒号的文字，请加引号）",
        )
    return Token("field", name, pos, pos + len(written) + 1)


def _near_token(text: str, pos: int, end: int) -> Token | None:
    # NEAR/n is recognised in any case: no one searches for the word "near/10"; a bare "near" is a word
    if not (text == "NEAR" or text.upper().startswith("NEAR/")):
        return None
    found = _NEAR_RE.fullmatch(text)
    if not found:
        raise QueryError(
            f"{text} at character {pos + 1} needs a distance: write NEAR/10 (any order) or NEAR/10f "
            "(left term first)",
            pos, f"第 {pos + 1} 个字符处的 {text} 缺少距离：请写 NEAR/10（不限顺序）或 NEAR/10f（左词在前）",
        )
    return Token("near", text, pos, end, int(found.group(1)), bool(found.group(2)))
