"""What event clustering compares: a post's terms, its opening text and the places it names.

A Weibo post of thirty characters and a news article of two thousand about the same fire share
little as whole texts: the article's later paragraphs (background, reactions, the same town's
other news) drown what the post says. They share the opening: the place, the names, the
numbers, the incident's own words. So a post is read as

- `terms`: its keywords (tf × idf over the whole text, title words counted twice) and the words
  of its opening (the title's, then the text's first LEAD_TOKENS words), numbers of two or more
  digits included (32吨 and 47只 tell one incident from another);
- `text`: its title and text in match form, cut to TEXT_CHARS, where the other side's terms
  are looked up as substrings, so that 槽罐车 is found in 「槽罐运输车」 whatever the segmenter made
  of either;
- `places`: the division codes named in its title or its first PLACE_CHARS characters. Two
  posts that both name places, none on the same branch (永城 and 河南 are; 永城 and 杭州 are
  not), are about two incidents.

`score()` turns these into one number for a post and an event; clustering.py decides with it.
"""

from __future__ import annotations

from typing import Any, Container, Iterable, Sequence

LEAD_TOKENS = 48  # words from the start (title first) that are terms: about the first 150-200 characters
TEXT_CHARS = 1000  # characters of title + text kept for looking terms up
PLACE_CHARS = 300  # places named this early (or in the title) are where the post is
COVER_TERMS = 12  # strongest terms looked up in the other side's text
PLACE_AGREE = 0.1  # added to the score when both sides name places on one branch, a city or finer
CITY_DIGITS = 4  # a division code this long or longer is a city (prefecture), county or township


def post_terms(post: dict[str, Any]) -> list[str]:
    """Distinct keywords, then the words of the opening; two or more characters, no [emoticons]."""
    keywords, tokens = post.get("keywords"), post.get("tokens")
    chosen = keywords + tokens[:LEAD_TOKENS] if isinstance(keywords, list) and isinstance(tokens, list) else (
        keywords or tokens or [])
    if not isinstance(chosen, list):
        return []
    return list(dict.fromkeys([t for t in chosen if isinstance(t, str) and len(t) > 1 and t[0] != "["]))


def opening_terms(post: dict[str, Any], skip: Container[str] = ()) -> list[str]:
    """Distinct words of the opening (title, then text, up to about TEXT_CHARS characters of
    words), two or more characters, not in `skip`: where a short post's words are looked for
    when its strongest terms are not the article's (花总遭死亡威胁 against an article whose 32
    rarest words come from its first paragraph)."""
    tokens = post.get("tokens")
    if not isinstance(tokens, list):
        return []
    found: dict[str, None] = {}
    used = 0
    for token in tokens:
        if not isinstance(token, str):
            continue
        used += len(token)
        if used > TEXT_CHARS:
            break
        if len(token) > 1 and token[0] != "[" and token not in skip:
            found[token] = None
    return list(found)


def post_text(post: dict[str, Any]) -> str:
    """Title and text in match form (the raw fields for a post that never met normalize), cut."""
    if "text_norm" in post:
        title, text = post.get("title_norm") or "", post.get("text_norm") or ""
    else:
        title, text = post.get("title") or "", post.get("text") or ""
    if not isinstance(title, str) or not isinstance(text, str):
        return ""
    return (f"{title}\n{text}" if title else text)[:TEXT_CHARS]


def post_places(post: dict[str, Any]) -> tuple[str, ...]:
    """Codes of the places named in the title or early in the text, outermost first, distinct."""
    places = post.get("places")
    if not isinstance(places, list):
        return ()
    codes = (p.get("code") for p in places if isinstance(p, dict)
             and (p.get("field") == "title" or (p.get("start") or 0) < PLACE_CHARS))
    return tuple(sorted({c for c in codes if isinstance(c, str) and c}))


def place_relation(a: Sequence[str], b: Sequence[str]) -> int:
    """1: a place of one and a place of the other are on one branch, both a city or finer
    (永城市 and 商丘市); 0: one side names none, or they meet only at a province (河南 and 永城市,
    河南 and 河南); -1: both name places and none is on a branch of the other (永城 and 杭州)."""
    if not a or not b:
        return 0
    related = False
    for x in a:
        for y in b:
            if x.startswith(y) or y.startswith(x):
                if len(x) >= CITY_DIGITS and len(y) >= CITY_DIGITS:
                    return 1
                related = True
    return 0 if related else -1


def coverage(weights: dict[str, float], text: str, known: Container[str] = (),
             terms: int = COVER_TERMS) -> tuple[float, list[str]]:
    """Share of the weight of the strongest `terms` found in `text` (or among `known` terms),
    and the terms found."""
    total = found = 0.0
    hits = []
    for term, weight in _strongest(weights, terms):
        total += weight
        if term in known or term in text:
            found += weight
            hits.append(term)
    return (found / total if total else 0.0), hits


def _strongest(weights: dict[str, float], count: int) -> Iterable[tuple[str, float]]:
    if len(weights) <= count:
        return weights.items()
    return sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:count]


def score(cosine: float, cover: float, relation: int) -> float:
    """Mean of cosine and coverage, plus PLACE_AGREE when places agree; -1 when they conflict."""
    if relation < 0:
        return -1.0
    return (cosine + cover) / 2 + (PLACE_AGREE if relation > 0 else 0.0)
