"""HTML fragments (feed content, summaries) to plain text that keeps its paragraphs."""

from __future__ import annotations

import html
import re

import lxml.etree
import lxml.html

BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header "
    "hr li main nav ol p pre section table tbody td th thead tr ul".split()
)
DROP_TAGS = ("script", "style", "noscript", "template")
# XML 1.0 forbids these; lxml refuses strings that contain them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: paragraphs separated by a blank line, <br> by a newline.

    Text without markup is returned with entities decoded and spaces tidied. Never raises.
    """
    if not fragment:
        return ""
    cleaned = _CONTROL.sub("", fragment)
    if "<" not in cleaned:
        return tidy(html.unescape(cleaned))
    try:
        root = lxml.html.fragment_fromstring(cleaned, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return tidy(html.unescape(re.sub(r"<[^>]*>", " ", cleaned)))
    return tidy(_block_text(root))


def _block_text(root: lxml.html.HtmlElement) -> str:
    for element in list(root.iter(*DROP_TAGS)):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in BLOCK_TAGS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return root.text_content()


def tidy(text: str) -> str:
    """Collapse runs of spaces inside lines and of blank lines between paragraphs."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
