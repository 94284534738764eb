"""Item bodies are rich text from officers' editors and pasted Word documents: sanitised with nh3
(an allow-list of formatting tags, no attributes but safe links), kept as HTML."""

from __future__ import annotations

import html
import re

import nh3

TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote",
        "table", "thead", "tbody", "tr", "th", "td", "a"}
ATTRIBUTES = {"a": {"href"}}
LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z/!]")
BLOCK_END = re.compile(r"</(p|li|h3|h4|blockquote|tr)\s*>|<br\s*/?>", re.IGNORECASE)


def sanitize(text: str) -> str:
    """Clean HTML; plain text (no tags) becomes one paragraph a line."""
    text = (text or "").strip()
    if not text:
        return ""
    if not LOOKS_LIKE_HTML.search(text):
        return "".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    return nh3.clean(text, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https"},
                     link_rel="noopener nofollow noreferrer").strip()


def paragraphs(body: str) -> list[str]:
    """The body as plain-text paragraphs (for Word/PDF, diffs and search)."""
    marked = BLOCK_END.sub("\n", body or "")
    plain = html.unescape(nh3.clean(marked, tags=set()))
    return [line.strip() for line in plain.splitlines() if line.strip()]


def to_text(body: str) -> str:
    return "\n".join(paragraphs(body))
