"""Building stored documents for tests through the real store (so the index is maintained)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from yuqing.collect.items import CollectedItem
from yuqing.documents.store import store_batch

BASE_TIME = datetime(2026, 11, 1, tzinfo=timezone.utc)


def item(n: int, text: str, title: str = "", site: str = "t.example", minutes: int | None = None, **extra) -> CollectedItem:
    when = BASE_TIME + timedelta(minutes=n if minutes is None else minutes)
    return CollectedItem(external_id=f"t{n}", title=title, text=text, site=site, published_at=when, **extra)


def store_texts(texts: list[str], titles: list[str] | None = None, source=None):
    titles = titles or [""] * len(texts)
    return store_batch([item(i, t, titles[i]) for i, t in enumerate(texts)], source, None)
