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

    Reposts and replies (a Weibo stream) keep their place in the conversation: `kind` is
    "original", "repost" or "comment" ("" when unknown), `root_id` the external id of the
    original post the thread started from (Weibo's `cascade`), `parent_id` the post it answers.
    Where the platform says so: `platform` (weibo, douyin, wechat …), `account_kind` of the
    author (government, media, enterprise, individual), and `ip_location`, the poster's IP 属地
    as the platform shows it (the poster's province, not the place the post talks about).
    `engagement` counts use the keys likes, comments, reposts (shares) and views.
    `position` is where the record sits in its input (1-based line number of a file; entry
    number of a feed), so an interrupted import can resume after the last stored position.
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
    kind: str = ""
    root_id: str = ""
    parent_id: str = ""
    position: int | None = None
    platform: str = ""
    account_kind: str = ""
    ip_location: str = ""


@dataclass
class Rejected:
    """An input record that could not be taken. It goes to quarantine, never silently away.

    `reason` is `<code>: <technical detail>`: the code says why in a word (NotJson, NoText …), and
    yuqing.failures explains it to the reader in their language; the detail is for whoever digs."""

    reason: str
    raw: Any
    where: str = ""  # e.g. "line 17" or a URL
    position: int | None = None  # same meaning as CollectedItem.position
