"""Field names, their Chinese aliases, value checks, and how metadata fields compare to a post.

A metadata term matches when one of its *keys* is among the post's keys for that field. Both
evaluators use these two functions, so `site:weibo.com` means the same thing everywhere.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, Callable, Sequence

from yuqing.analysis.query.ast import FIELDS, Term
from yuqing.analysis.query.text import normalize_term
from yuqing.errors import QueryError

PlaceResolver = Callable[[str], Sequence[str]]
"""Place name → division-code prefixes (yuqing.analysis.places.resolve_place_query)."""

FIELD_ALIASES: dict[str, str] = {
    "标题": "title", "网站": "site", "站点": "site", "来源": "source", "作者": "author",
    "地区": "place", "地点": "place", "地域": "place", "情感": "sentiment", "倾向": "sentiment",
    "语言": "lang", "风险": "risk", "类型": "type", "事件类型": "type",
    "平台": "platform", "属地": "ip", "ip属地": "ip",
}
SENTIMENTS: dict[str, str] = {
    "negative": "negative", "neg": "negative", "负面": "negative", "消极": "negative",
    "neutral": "neutral", "中性": "neutral",
    "positive": "positive", "pos": "positive", "正面": "positive", "积极": "positive",
}
RISKS: dict[str, str] = {"1": "1", "是": "1", "yes": "1", "true": "1", "0": "0", "否": "0", "no": "0", "false": "0"}
INCIDENT_TYPES: dict[str, str] = {  # the risk stage's 突发事件 types (analysis/risk_features.TYPES)
    "自然灾害": "自然灾害", "natural": "自然灾害", "事故灾难": "事故灾难", "accident": "事故灾难",
    "公共卫生": "公共卫生", "health": "公共卫生", "社会安全": "社会安全", "security": "社会安全",
    "其他": "其他", "other": "其他",
}
_LANG_RE = re.compile(r"[a-z]{2,3}(-[a-z0-9]+)*")
_CODE_LEVELS = (2, 4, 6, 9, 12)  # province, city, county, township, village digits (NBS)


class FieldValueError(ValueError):
    """A field value is not usable; carries the English and Chinese explanation."""

    def __init__(self, message: str, message_zh: str) -> None:
        super().__init__(message)
        self.message_zh = message_zh


def field_name(written: str) -> str | None:
    """The canonical field for what the user wrote before the colon, or None if unknown."""
    name = FIELD_ALIASES.get(written, unicodedata.normalize("NFKC", written).lower())
    return name if name in FIELDS else None


def normalize_name(value: str) -> str:
    """Author, source and site values: NFKC, lower-case, spaces collapsed.

    Lighter than text normalisation (no traditional→simplified), because it runs on every post's
    author and an author id is compared whole, not searched in.
    """
    if not value.isascii():  # NFKC leaves ASCII as it is; most ids and domains are ASCII
        value = unicodedata.normalize("NFKC", value)
    return " ".join(value.lower().split())


def canonical_value(field: str, raw: str) -> str:
    """The value stored in the AST for a metadata field; raises FieldValueError if unusable."""
    value = normalize_term(raw) if field in ("place", "ip") else normalize_name(raw)
    if field == "platform":
        from yuqing.text.fields import platform_name  # 微博 → weibo, as documents store it

        return platform_name(value)
    if field == "sentiment":
        if value not in SENTIMENTS:
            raise FieldValueError(
                f"sentiment: takes negative, neutral or positive, not {raw!r}",
                f"sentiment: 只能是 负面/中性/正面（negative/neutral/positive），不能是“{raw}”",
            )
        return SENTIMENTS[value]
    if field == "risk":
        if value not in RISKS:
            raise FieldValueError(f"risk: takes 1 (a risk post) or 0 (not), not {raw!r}",
                                  f"risk: 只能是 1（风险信息）或 0（非风险），不能是“{raw}”")
        return RISKS[value]
    if field == "type":
        if value not in INCIDENT_TYPES:
            raise FieldValueError(
                f"type: takes 自然灾害, 事故灾难, 公共卫生, 社会安全 or 其他, not {raw!r}",
                f"type: 只能是 自然灾害/事故灾难/公共卫生/社会安全/其他，不能是“{raw}”")
        return INCIDENT_TYPES[value]
    if field == "lang" and not _LANG_RE.fullmatch(value.replace("_", "-")):
        raise FieldValueError(
            f"lang: takes a language code such as zh or en, not {raw!r}",
            f"lang: 应为语言代码，例如 zh 或 en，不能是“{raw}”",
        )
    if field == "site" and "/" in value:
        raise FieldValueError(
            f"site: takes a domain such as weibo.com, not an address ({raw!r})",
            f"site: 应为域名，例如 weibo.com，不能是网址（“{raw}”）",
        )
    return value.replace("_", "-") if field == "lang" else value


def code_prefix(code: str) -> str:
    """A division code as the prefix shared by everything inside it: 410000 → 41, 411481 → 411481."""
    for level in _CODE_LEVELS:
        if level >= len(code) or not code[level:].strip("0"):
            return code[:level]
    return code


def term_keys(term: Term, resolver: PlaceResolver | None = None) -> tuple[str, ...]:
    """The keys a metadata term matches. Place names go through the resolver (lazy default);
    `ip:` (the poster's IP 属地) matches at province level: ip:永城 is ip:河南."""
    if term.field == "ip":
        return tuple(dict.fromkeys(key[:2] for key in term_keys(Term(term.text, "place", False, term.start, term.end), resolver)))
    if term.field != "place":
        return (term.text,)
    if term.text.isdigit():
        return (code_prefix(term.text),)
    if resolver is None:
        prefixes = _default_prefixes(term)
    else:
        prefixes = tuple(code_prefix(code) for code in resolver(term.text) or ())
    if not prefixes:
        raise QueryError(
            f"place:{term.text} is not a known place name; use a name such as 永城市 or a division "
            f"code such as 411481 (at character {term.start + 1})",
            term.start, f"place:{term.text} 不是已知的地名；请写地名（如 永城市）或区划代码（如 411481）"
            f"（第 {term.start + 1} 个字符）",
        )
    return prefixes


def _default_prefixes(term: Term) -> tuple[str, ...]:
    try:
        return _resolve_with_default(term.text)
    except ImportError as missing:
        raise QueryError(
            f"place names cannot be looked up ({missing}); use a division code such as 411481",
            term.start, f"无法查询地名（{missing}）；请改用区划代码，如 411481",
        ) from None


@functools.lru_cache(maxsize=4096)
def _resolve_with_default(name: str) -> tuple[str, ...]:
    # the search backends check one place term on many posts: resolve each name once
    from yuqing.analysis.places import resolve_place_query

    return tuple(code_prefix(code) for code in resolve_place_query(name) or ())


def post_values(field: str, post: dict[str, Any]) -> list[str]:
    """The raw values a post has for one metadata field (a missing or odd value gives none)."""
    if field == "place":
        places = post.get("places")
        codes = [p.get("code") for p in places if isinstance(p, dict)] if isinstance(places, list) else []
        return [code for code in codes if isinstance(code, str) and code]
    if field in ("risk", "type"):
        return _risk_values(field, post.get("risk"))
    if field == "ip":
        code = (post.get("ip_place") or {}).get("code") if isinstance(post.get("ip_place"), dict) else None
        return [code[:2]] if isinstance(code, str) and code else []
    value = post.get(field)
    if field == "sentiment" and isinstance(value, dict):
        value = value.get("label")
    return [value] if isinstance(value, str) and value else []


def _risk_values(field: str, risk: Any) -> list[str]:
    """A post's risk label ("1"/"0") or 突发事件 type, from the risk stage's {"label", "type", ...}."""
    if not isinstance(risk, dict):
        return []
    if field == "risk":
        label = risk.get("label")
        return [str(int(label))] if label in (0, 1) else []
    kind = risk.get("type")
    return [kind] if isinstance(kind, str) and kind else []


def value_keys(field: str, value: str) -> list[str]:
    """The keys one raw value offers: a site its parent domains, a code its prefixes, ..."""
    if field == "place":
        return [value[:k] for k in range(1, len(value) + 1)]
    value = normalize_name(value)
    if field == "site":
        parts = value.split(".")
        return [".".join(parts[i:]) for i in range(len(parts))]
    if field == "lang":
        parts = value.replace("_", "-").split("-")
        return ["-".join(parts[: i + 1]) for i in range(len(parts))]
    return [value]


def post_keys(field: str, post: dict[str, Any]) -> list[str]:
    """The keys a post offers for one metadata field."""
    return [key for value in post_values(field, post) for key in value_keys(field, value)]


def meta_matches(term: Term, post: dict[str, Any], resolver: PlaceResolver | None = None) -> bool:
    """Reference check of one metadata term against a post."""
    return not set(term_keys(term, resolver)).isdisjoint(post_keys(term.field or "", post))
