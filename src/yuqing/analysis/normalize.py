"""The normalize stage: clean text, its match form, the post's own words and its Weibo entities.

Writes (see the field contract): text_clean, text_norm, title_norm, own_text, repost_chain, urls,
mentions, topics, emoticons. text_norm is `normalize_for_match(text_clean)` and has the same
length, character for character, so an offset found in one is an offset in the other.

`normalize_for_match` is the one function that puts text in match form; the rule language and
search must use it for query terms so that terms and posts agree.
"""

from __future__ import annotations

import logging
from typing import Any

from yuqing.analysis.pipeline import Post
from yuqing.analysis.t2s import to_match_form
from yuqing.analysis.weibo_text import (
    clean_text,
    extract_entities,
    html_to_text,
    split_repost_chain,
)

__all__ = [
    "NormalizeStage",
    "extract_entities",
    "html_to_text",
    "normalize_for_match",
    "normalize_post",
    "split_repost_chain",
]

log = logging.getLogger(__name__)


def normalize_for_match(text: str) -> str:
    """NFKC, full-width → half-width, traditional → simplified, lower-case; one char in, one out.

    Only invisible characters (zero-width space, BOM, soft hyphen, controls) are dropped, which
    clean text never holds. Whitespace is left as it is: collapse it before, as text_clean does.
    """
    return to_match_form(text)


class NormalizeStage:
    """Pipeline stage "normalize": reads text and title, writes the fields listed above."""

    name = "normalize"
    version = "1"
    reads = ("text", "title")
    writes = (
        "text_clean", "text_norm", "title_norm", "own_text", "repost_chain",
        "urls", "mentions", "topics", "emoticons",
    )

    def __call__(self, batch: list[Post]) -> None:
        for post in batch:
            normalize_post(post)


def normalize_post(post: Post) -> None:
    """Set the normalize fields on one post, in place."""
    text = _text_field(post, "text")
    title = _text_field(post, "title")
    post["title_norm"] = normalize_for_match(clean_text(title)) if title else ""
    if not text:  # four posts in ten in a Weibo stream: keep this path short
        post.update(text_clean="", text_norm="", own_text="", repost_chain=[])
        post.update(urls=[], mentions=[], topics=[], emoticons=[])
        return
    clean = clean_text(text)
    norm = normalize_for_match(clean)
    own, chain = split_repost_chain(clean)
    post["text_clean"] = clean
    post["text_norm"] = norm
    post["own_text"] = norm if own == clean else normalize_for_match(own)
    post["repost_chain"] = chain
    post["urls"], post["mentions"], post["topics"], post["emoticons"] = extract_entities(clean)


def _text_field(post: Post, name: str) -> str:
    value: Any = post.get(name)
    if value is None or isinstance(value, str):
        return value or ""
    # a collector handed over something else: use its text form rather than lose the post
    log.warning("post %r: field %s is %s, not text; using str() of it", post.get("id"), name, type(value).__name__)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)
