"""One imported row (a dict from JSON or CSV) to a CollectedItem, or a Rejected saying why.

Kept separate from file handling because this is the per-row hot path: reading the
640,961-row Weibo stream spends most of its time here, so it avoids work per row that can be
done once (the mapping) or only when needed (URL canonicalisation, hashing).
"""

from __future__ import annotations

import json
from datetime import datetime, tzinfo
from typing import Any, Callable

from yuqing.collect.counts import parse_count
from yuqing.collect.ids import hashed_id, url_id
from yuqing.collect.items import CollectedItem, Rejected
from yuqing.text import fields as normalise
from yuqing.text.dates import parse_timestamp
from yuqing.text.urls import canonical_url

TEXT_FIELDS = ("id", "url", "title", "text", "author", "site", "kind", "cascade", "parent", "language",
               "platform", "account_kind", "ip_location")
_DECODER = json.JSONDecoder()
# Counts copied into CollectedItem.engagement, under the name on the right.
ENGAGEMENT_FIELDS = {"reposts": "reposts", "shares": "reposts", "comments": "comments", "likes": "likes",
                     "attitudes": "likes", "views": "views"}
Transform = Callable[[dict[str, Any]], dict[str, Any]]


class BadRow(ValueError):
    """A row that cannot become an item; the message is the Rejected reason's detail, `code` its code."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class RowReader:
    """`transform` (e.g. a MediaCrawler platform's field map) turns a row into our field names
    before `mapping` applies; the item's `raw` stays the row as it came."""

    def __init__(self, mapping: dict[str, str], naive_tz: tzinfo, require_id_or_url: bool = True,
                 transform: Transform | None = None) -> None:
        self.mapping = mapping
        self.naive_tz = naive_tz
        self.require_id_or_url = require_id_or_url
        self.transform = transform

    def from_json_line(self, line: bytes, number: int) -> CollectedItem | Rejected:
        try:
            row = _DECODER.decode(line.decode("utf-8"))  # json.loads would sniff the encoding per line
        except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError, [[[[… nested too deep
            text = line.decode("utf-8", "replace").rstrip("\r\n")[:2000]
            return Rejected(f"NotJson: line {number}: not valid JSON ({exc})", text, f"line {number}", number)
        if not isinstance(row, dict):
            return Rejected(f"NotAnObject: line {number}: expected a JSON object, found {type(row).__name__}", row,
                            f"line {number}", number)
        return self.from_row(row, number)

    def from_csv_row(self, row: dict[str, Any], number: int) -> CollectedItem | Rejected:
        return self.from_row(row, number)

    def from_row(self, row: dict[str, Any], number: int) -> CollectedItem | Rejected:
        try:
            fields = self.transform(row) if self.transform else row
            fields = self._renamed(fields) if self.mapping else fields
            item = self._item(fields, row)
        except BadRow as bad:
            return Rejected(f"{bad.code}: line {number}: {bad}", row, f"line {number}", number)
        item.position = number
        return item

    def _renamed(self, row: dict[str, Any]) -> dict[str, Any]:
        fields = dict(row)
        for source, target in self.mapping.items():
            if source in row:
                fields[target] = row[source]
        return fields

    def _item(self, fields: dict[str, Any], row: dict[str, Any]) -> CollectedItem:
        external_id, url, title, text, author, site, kind, root_id, parent_id, language, platform, account, ip = _texts(fields)
        # A repost's text is often empty or just 转发微博; it still counts as volume.
        if not title and not text and not (external_id and (kind or root_id)):
            raise BadRow("row has neither title nor text", "NoText")
        return CollectedItem(
            external_id=external_id or self._derived_id(url, row),
            url=canonical_url(url) if url.lower().startswith(("http://", "https://")) else url,
            title=title,
            text=text,
            author=author,
            site=site,
            published_at=self._time(fields.get("created_at")),
            language=language,
            engagement=_engagement(fields),
            raw=row,
            kind=kind,
            root_id=root_id,
            parent_id=parent_id,
            platform=normalise.platform_name(platform) if platform else "",
            account_kind=normalise.account_kind(account) if account else "",
            ip_location=normalise.ip_location(ip) if ip else "",
        )

    def _derived_id(self, url: str, row: dict[str, Any]) -> str:
        if url:
            return url_id(url)
        if self.require_id_or_url:
            raise BadRow("row has neither id nor url: add one, or map a column to id or url", "NoIdOrUrl")
        return hashed_id("row", json.dumps(row, sort_keys=True, ensure_ascii=False, default=str))

    def _time(self, value: Any) -> datetime | None:
        try:
            return parse_timestamp(value, self.naive_tz)
        except ValueError as exc:
            raise BadRow(f"bad created_at: {exc}", "BadTime") from None


def _texts(fields: dict[str, Any]) -> list[str]:
    """TEXT_FIELDS of the row as stripped strings ("" when absent), in one call per row."""
    values = []
    for name in TEXT_FIELDS:
        value = fields.get(name)
        if value is None:
            values.append("")
        elif value.__class__ is str:
            values.append(value.strip())
        else:
            values.append(_as_text(value, name))
    return values


def _as_text(value: Any, name: str) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise BadRow(f"field {name} is a {type(value).__name__}, expected text", "NotText")


def _engagement(fields: dict[str, Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for source, target in ENGAGEMENT_FIELDS.items():
        value = fields.get(source)
        if value is not None and value != "" and target not in counts:
            count = parse_count(value)
            if count is not None:  # a count that is not a number stays in raw only
                counts[target] = count
    return counts
