"""What every collector yields: items that can be stored, or rejects with their reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class CollectedItem:
    """One piece of public content, as a collector understood it.

    `external_id` is the source's own id (a feed entry id, a Weibo post id); `url` is the
    canonical address where one exists. Either one identifies the item for de-duplication.
    Times are timezone-aware UTC. `raw` is the input record kept as it came (JSON-safe).
    """

    external_id: str
    url: str = ""
    title: str = ""
    text: str = ""
    author: str = ""
    site: str = ""
    published_at: datetime | None = None
    language: str = ""
    engagement: dict[str, int] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class Rejected:
    """An input record that could not be taken. It goes to quarantine, never silently away."""

    reason: str
    raw: Any
    where: str = ""  # e.g. "line 17" or a URL
