"""One feed entry (as feedparser gives it) to a CollectedItem, or a Rejected with the reason."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Any

from yuqing.collect.html_text import html_to_text, tidy
from yuqing.collect.ids import hashed_id
from yuqing.collect.items import CollectedItem, Rejected
from yuqing.text.urls import canonical_url

RAW_KEYS = ("id", "link", "title", "published", "updated", "author")


def entry_to_item(entry: Any, site: str, language: str, where: str, position: int) -> CollectedItem | Rejected:
    """Map an entry; anything unexpected in it becomes a Rejected, never an exception."""
    try:
        outcome = _convert(entry, site, language, where)
    except Exception as exc:  # untrusted input: whatever breaks, report it with the entry
        outcome = Rejected(f"UnreadableEntry: entry could not be read: {type(exc).__name__}: {exc}", _raw(entry), where)
    outcome.position = position
    return outcome


def _convert(entry: Any, site: str, language: str, where: str) -> CollectedItem | Rejected:
    title = _text_of(entry.get("title_detail")) or tidy(str(entry.get("title", "")))
    text = _entry_text(entry)
    link = str(entry.get("link", "")).strip()
    if not title and not text:
        return Rejected("NoText: entry has neither title nor text", _raw(entry), where)
    published = _utc(entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("created_parsed"))
    date_text = str(entry.get("published") or entry.get("updated") or "")
    external_id = str(entry.get("id") or "").strip() or link or hashed_id("entry", title, date_text or text)
    return CollectedItem(
        external_id=external_id,
        url=canonical_url(link) if link.lower().startswith(("http://", "https://")) else "",
        title=title,
        text=text,
        author=tidy(str(entry.get("author", ""))),
        site=site,
        published_at=published,
        language=str((entry.get("title_detail") or {}).get("language") or language or ""),
        raw=_raw(entry),
    )


def _entry_text(entry: Any) -> str:
    """Full content when the feed has it, else the summary; HTML becomes paragraphs of text."""
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    if contents:
        return _text_of(max(contents, key=lambda c: len(c.get("value", ""))))
    if entry.get("summary_detail"):
        return _text_of(entry.get("summary_detail"))
    return html_to_text(str(entry.get("summary", "")))


def _text_of(detail: Any) -> str:
    if not detail or not detail.get("value"):
        return ""
    value = str(detail["value"])
    return html_to_text(value) if "html" in str(detail.get("type", "html")) else tidy(value)


def _utc(parsed: time.struct_time | None) -> datetime | None:
    """feedparser normalises dates to UTC struct_time; impossible dates (year 0) become None."""
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return None


def _raw(entry: Any) -> dict[str, Any]:
    """The identifying fields of the entry as plain strings, and its categories (JSON-safe)."""
    try:
        raw: dict[str, Any] = {key: str(entry[key]) for key in RAW_KEYS if key in entry}
        categories = [str(tag.get("term") or "").strip() for tag in entry.get("tags") or []]
        if any(categories):
            raw["categories"] = [c for c in categories if c][:50]
        return raw
    except Exception:  # an entry too broken even to read back
        return {"repr": repr(entry)[:2000]}
