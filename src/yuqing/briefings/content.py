"""The shape of a briefing's content, shared by the assemblers and the renderers.

    {"title", "kind", "period": {"since", "until", "label"}, "scope": {...}, "generated_at",
     "sections": [{"key", "heading", "paragraphs": [Para], "table": Table | None, "chart": name | None}],
     "charts": {name: {"kind": "line"|"bar"|"pie", "title", "labels": [...], "values": [...]}},
     "evidence": [{"label", "id", "time", "site", "author", "text", "url", "link"}]}

    Para  = {"text", "refs": ["E1", ...], "link": search or record link | ""}
    Table = {"columns": [...], "rows": [{"cells": [...], "refs": [...], "link": ""}]}

An office adapting the layout edits the renderers' templates; this shape stays the same.
"""

from __future__ import annotations

from typing import Any

from yuqing.briefings.citations import Citations


class Builder:
    """Collects sections and citations while an assembler walks the data."""

    def __init__(self, base_url: str) -> None:
        self.citations = Citations(base_url)
        self.base_url = base_url
        self.sections: list[dict[str, Any]] = []
        self.charts: dict[str, dict[str, Any]] = {}

    def para(self, text: str, ids: list[int] = (), link: str = "", limit: int = 3) -> dict[str, Any]:
        return {"text": text, "refs": self.citations.cite(list(ids), limit), "link": link}

    def row(self, cells: list[Any], ids: list[int] = (), link: str = "", limit: int = 2) -> dict[str, Any]:
        return {"cells": [str(c) for c in cells], "refs": self.citations.cite(list(ids), limit), "link": link}

    def section(self, key: str, heading: str, paragraphs: list[dict] = (), table: dict | None = None,
                chart: str | None = None) -> None:
        self.sections.append({"key": key, "heading": heading, "paragraphs": list(paragraphs), "table": table,
                              "chart": chart})

    def chart(self, name: str, kind: str, title: str, labels: list[str], values: list[float],
              keys: list[str] | None = None) -> str:
        self.charts[name] = {"kind": kind, "title": title, "labels": labels, "values": values, "keys": keys or []}
        return name

    def finish(self, **head: Any) -> dict[str, Any]:
        return {**head, "sections": self.sections, "charts": self.charts, "evidence": self.citations.entries()}


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0%"
