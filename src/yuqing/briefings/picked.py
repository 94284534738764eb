"""The "selected posts" section: documents staff added to a draft from search or a document page."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.briefings.citations import entry
from yuqing.documents.models import Document
from yuqing.sources.site_names import office_names, site_name


def _gist(doc: Document, size: int = 160) -> str:
    """Its title and the start of its text (a picked post is read for what it says)."""
    text = " ".join(doc.text.split())
    body = text[:size] + ("…" if len(text) > size else "")
    return f"{doc.title}。{body}" if doc.title and body else (doc.title or body)


def section(ids: list[int], evidence: list[dict[str, Any]], base_url: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The section, and the list-of-sources entries it adds (documents not cited yet)."""
    labels = {e["id"]: e["label"] for e in evidence}
    docs, names = Document.objects.in_bulk(ids), office_names()
    extra, paragraphs = [], []
    for pk in ids:
        doc = docs.get(pk)
        if doc is None:
            continue
        if pk not in labels:
            labels[pk] = f"E{len(evidence) + len(extra) + 1}"
            extra.append(entry(labels[pk], doc, base_url))
        when = timezone.localtime(doc.published_at).strftime("%m-%d %H:%M")
        text = f"{site_name(doc.site, names) or '—'} · {doc.author or '—'} · {when}：{_gist(doc)}"
        paragraphs.append({"text": text, "refs": [labels[pk]], "link": ""})
    return {"key": "selected", "heading": _("Selected posts"), "paragraphs": paragraphs, "table": None, "chart": None}, extra
