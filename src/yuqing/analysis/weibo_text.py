"""Weibo text conventions: HTML to text, repost chains, @mentions, #topics#, [emoticons], links.

Every function takes untrusted text and returns something usable for any input: there is no
malformed post, only a post with fewer entities found.
"""

from __future__ import annotations

import html
import re
from typing import Iterable

from yuqing.analysis.t2s import INVISIBLE_RE

# Blocks whose content is never text, and tags. A tag is removed only when it names an HTML
# element, so the plain text "x<y 且 y>z" or "我<3你" stays as it is.
_HIDDEN_BLOCK_RE = re.compile(
    r"<(script|style|noscript|template|head)\b[^<>]*>.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)",
    re.IGNORECASE | re.DOTALL,
)
_BREAK_TAG_RE = re.compile(r"<(?:br|/?p|/?div|/?li|/?tr|/?h[1-6])\b[^<>]*>", re.IGNORECASE)
_TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)(:[A-Za-z0-9]+)?(?:\s[^<>]*)?/?>|<![^<>]*>")
_HTML_ELEMENTS = frozenset(
    "a abbr address area article aside audio b base bdi bdo big blockquote body br button canvas "
    "caption center cite code col colgroup data dd del details dfn dialog div dl dt em embed "
    "fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 header hr html "
    "i iframe img input ins kbd label legend li link main mark meta meter nav nobr object ol "
    "optgroup option output p param picture pre progress q rp rt ruby s samp section select "
    "small source span strike strong sub summary sup svg table tbody td textarea tfoot th thead "
    "time title tr track tt u ul var video wbr".split()
)

# Name of a Weibo account as written after @: letters of any script, digits, _ and -.
NAME = r"[\w\-]{1,30}"
# `//@甲:` starts a quoted post. Not the // of a link (http://@x); a space may follow // or
# precede the colon, and the colon may be full width.
CHAIN_MARK_RE = re.compile(r"(?<![A-Za-z]:)//\s?@")
_CHAIN_AUTHOR_RE = re.compile(rf"({NAME})\s*[:：]?\s*")
_REPLY_PREFIX_RE = re.compile(rf"^\s*回复\s?@({NAME})\s*[:：]\s*")
URL_RE = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+")
_URL_TRAILING = ".,;:!?'"
# starts only where a run of address characters starts: else a long run costs n² tries
_EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63})*\.[A-Za-z]{2,24}")
# A mention is @name, but not the author of a quoted post (//@甲:), whose name is in the chain.
MENTION_RE = re.compile(rf"(?<!//)(?<!// )[@＠]({NAME})")
TOPIC_RE = re.compile(r"[#＃]([^#＃\s](?:[^#＃\n]{0,58}[^#＃\s])?)[#＃]")
# [泪], [哈哈], [doge], [xkl转圈]: a letter or Han first, so [1] and [12] in news text are not faces.
EMOTICON_RE = re.compile(r"\[[A-Za-z\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff]{0,7}\]")
_REPOST_BOILERPLATE = frozenset({"转发微博", "轉發微博", "转发", "轉發", "repost", "转", "轉"})
_BOILERPLATE_STRIP = " 。.!！~～…"


def html_to_text(text: str) -> str:
    """Visible text of an HTML fragment: scripts, styles and comments removed, entities decoded."""
    if "<" in text:
        text = _HIDDEN_BLOCK_RE.sub(" ", text)
        text = _BREAK_TAG_RE.sub("\n", text)
        text = _TAG_RE.sub(_drop_tag, text)
    if "&" in text:
        text = html.unescape(text)
    return text


def _drop_tag(tag: re.Match[str]) -> str:
    name, namespace = tag.group(1), tag.group(2)
    if name is None or namespace or name.lower() in _HTML_ELEMENTS:  # <!doctype>, <o:p>, <div>
        return ""
    return tag.group()


def clean_text(text: str) -> str:
    """HTML removed, invisible characters dropped, each run of whitespace made one space."""
    if "<" in text or "&" in text:
        text = html_to_text(text)
    if INVISIBLE_RE.search(text):
        text = INVISIBLE_RE.sub("", text)
    return " ".join(text.split())


def split_repost_chain(text: str) -> tuple[str, list[dict[str, str]]]:
    """(own words, quoted posts) of `我的话//@甲:他的话//@乙:原文`, nearest quote first.

    Own words that only say "转发微博" are empty. The texts are returned as given (stripped).
    """
    if "//" not in text:
        return _own_words(text), []
    own, *quoted = CHAIN_MARK_RE.split(text)
    chain = []
    for part in quoted:
        author = _CHAIN_AUTHOR_RE.match(part)
        if author is None:  # `//@` followed by no name: keep the words, with no author
            chain.append({"author": "", "text": part.strip()})
        else:
            chain.append({"author": author.group(1), "text": part[author.end() :].strip()})
    return _own_words(own), chain


def _own_words(text: str) -> str:
    text = text.strip()
    if text.startswith(("回复", "回復")):
        reply = _REPLY_PREFIX_RE.match(text.replace("回復", "回复", 1))
        text = text[reply.end() :] if reply else text
    if text.rstrip(_BOILERPLATE_STRIP).lower() in _REPOST_BOILERPLATE:
        return ""
    return text


def extract_entities(text: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """(urls, mentions without @, topics without #, emoticons with brackets), in order, deduplicated.

    Authors of quoted posts (//@甲:) are not mentions; the one replied to (回复@甲:) is.
    """
    urls = _urls(text) if "://" in text else []
    rest = URL_RE.sub(" ", text) if urls else text
    mentions = _unique(MENTION_RE.findall(_EMAIL_RE.sub(" ", rest))) if "@" in rest or "＠" in rest else []
    topics = _unique(m.strip() for m in TOPIC_RE.findall(rest)) if "#" in rest or "＃" in rest else []
    emoticons = _unique(EMOTICON_RE.findall(rest)) if "[" in rest else []
    return urls, mentions, topics, emoticons


def _urls(text: str) -> list[str]:
    # a sentence's full stop or comma right after a link is not part of it
    found = (url.rstrip(_URL_TRAILING) for url in URL_RE.findall(text))
    return _unique(url for url in found if url.partition("://")[2])


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
