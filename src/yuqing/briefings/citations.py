"""Evidence: every sentence and every figure of a briefing cites stored documents.

A citation is a label (E1, E2, ...) for one stored document, numbered in the order of first
use; the briefing's evidence list gives each label the document's id, time, site, author, text
and two links: to the stored copy in yuqing and to the original address (http/https only).
Figures over many documents also carry a search link that lists exactly the counted set.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlparse

from django.utils import timezone

from yuqing.documents.models import Document
from yuqing.incidents.timeline import snippet


def document_link(base_url: str, doc_id: int) -> str:
    return f"{base_url.rstrip('/')}/documents/{doc_id}/"


def search_link(base_url: str, query: str, since: datetime, until: datetime) -> str:
    """The document search that reproduces a count (the search form's dates are inclusive days)."""
    last_day = timezone.localtime(until - timedelta(microseconds=1)).date()
    params = {"q": query, "since": timezone.localtime(since).date().isoformat(), "until": last_day.isoformat()}
    return f"{base_url.rstrip('/')}/documents/?{urlencode(params)}"


class Citations:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.labels: dict[int, str] = {}

    def cite(self, ids: list[int], limit: int = 3) -> list[str]:
        labels = []
        for doc_id in list(dict.fromkeys(ids))[:limit]:
            if doc_id not in self.labels:
                self.labels[doc_id] = f"E{len(self.labels) + 1}"
            labels.append(self.labels[doc_id])
        return labels

    def entries(self) -> list[dict[str, Any]]:
        docs = Document.objects.in_bulk(list(self.labels))
        return [self._entry(label, docs[doc_id]) for doc_id, label in self.labels.items() if doc_id in docs]

    def _entry(self, label: str, doc: Document) -> dict[str, Any]:
        return entry(label, doc, self.base_url)


def entry(label: str, doc: Document, base_url: str) -> dict[str, Any]:
    """One line of the list of sources."""
    original = doc.url if urlparse(doc.url).scheme in {"http", "https"} else ""
    return {"label": label, "id": doc.pk, "time": timezone.localtime(doc.published_at).strftime("%Y-%m-%d %H:%M"),
            "site": doc.site, "author": doc.author, "text": snippet(doc, 90), "url": original,
            "link": document_link(base_url, doc.pk)}
