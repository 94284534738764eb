"""One imported row (a dict from JSON or CSV) to a CollectedItem, or a Rejected saying why.

Kept separate from file handling because this is the per-row hot path: reading the
640,961-row Weibo stream spends most of its time here, so it avoids work per row that can be
done once (the mapping) or only when needed (URL canonicalisation, hashing).
"""

from __future__ import annotations

import json
from datetime import datetime, tzinfo
from typing import Any

from yuqing.collect.dates import parse_timestamp
from yuqing.collect.ids import hashed_id, url_id
from yuqing.collect.items import CollectedItem, Rejected
from yuqing.collect.urls import canonical_url

TEXT_FIELDS = ("id", "url", "title", "text", "author", "site", "kind", "cascade", "parent", "language")
_DECODER = json.JSONDecoder()
# Counts copied into CollectedItem.engagement, under the name on the right.
ENGAGEMENT_FIELDS = {"reposts": "reposts", "comments": "comments", "likes": "likes", "attitudes": "likes"}


class BadRow(ValueError):
    """A row that cannot become an item; the message is the Rejected reason."""


class RowReader:
    def __init__(self, mapping: dict[str, str], naive_tz: tzinfo, require_id_or_url: bool = True) -> None:
        self.mapping = mapping
        self.naive_tz = naive_tz
        self.require_id_or_url = require_id_or_url

    def from_json_line(self, line: bytes, number: int) -> CollectedItem | Rejected:
        try:
            row = _DECODER.decode(line.decode("utf-8"))  # json.loads would sniff the encoding per line
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
            text = line.decode("utf-8", "replace").rstrip("\r\n")[:2000]
            return Rejected(f"line {number}: not valid JSON ({exc})", text, f"line {number}", number)
        if not isinstance(row, dict):
            return Rejected(f"line {number}: expected a JSON object, found {type(row).__name__}", row, f"line {number}", number)
        return self.from_row(row, number)

    def from_csv_row(self, row: dict[str, Any], number: int) -> CollectedItem | Rejected:
        return self.from_row(row, number)

    def from_row(self, row: dict[str, Any], number: int) -> CollectedItem | Rejected:
        fields = self._renamed(row) if self.mapping else row
        try:
            item = self._item(fields, row)
        except BadRow as bad:
            return Rejected(f"line {number}: {bad}", row, f"line {number}", number)
        item.position = number
        return item

    def _renamed(self, row: dict[str, Any]) -> dict[str, Any]:
        fields = dict(row)
        for source, target in self.mapping.items():
            if source in row:
                fields[target] = row[source]
        return fields

    def _item(self, fields: dict[str, Any], row: dict[str, Any]) -> CollectedItem:
        external_id, url, title, text, author, site, kind, root_id, parent_id, language = _texts(fields)
        # A repost's text is often empty or just 转发微博; it still counts as volume.
        if not title and not text and not (external_id and (kind or root_id)):
            raise BadRow("row has neither title nor text")
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
        )

    def _derived_id(self, url: str, row: dict[str, Any]) -> str:
        if url:
            return url_id(url)
        if self.require_id_or_url:
            raise BadRow("row has neither id nor url: add one, or map a column to id or url")
        return hashed_id("row", json.dumps(row, sort_keys=True, ensure_ascii=False, default=str))

    def _time(self, value: Any) -> datetime | None:
        try:
            return parse_timestamp(value, self.naive_tz)
        except ValueError as exc:
            raise BadRow(f"bad created_at: {exc}") from None


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
    raise BadRow(f"field {name} is a {type(value).__name__}, expected text")


def _engagement(fields: dict[str, Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for source, target in ENGAGEMENT_FIELDS.items():
        value = fields.get(source)
        if value is not None and value != "":
            try:
                counts[target] = int(value)
            except (TypeError, ValueError):
                pass  # a count that is not a number stays in raw only
    return counts
