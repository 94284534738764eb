"""From documents to the work: what a document page and a selection of search results offer.

Marking (read, important) and exporting are the documents app's own; the rest is what other
apps declare as `document_actions` on their AppConfig (add to an incident, to a draft briefing,
start a submission), offered to whoever may do it and explained to whoever may not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.module_loading import import_string

from yuqing.documents import highlight
from yuqing.documents.folding import Row
from yuqing.documents.labels import sentiment_label
from yuqing.documents.marks import marks_of
from yuqing.documents.models import Document, DocumentMark
from yuqing.extensions import DocumentAction, declared
from yuqing.sources.site_names import office_names, site_name

MARK_FILTERS = ("important", "unread")


@dataclass
class Offer:
    action: DocumentAction
    allowed: bool
    choices: list[tuple[str, str]]


def offers(user) -> list[Offer]:
    found = []
    for action in sorted(declared("document_actions"), key=lambda a: a.order):
        allowed = action.allows(user)
        choices = import_string(action.choices)(user) if allowed and action.choices else []
        found.append(Offer(action, allowed, choices))
    return found


def targets(user) -> dict[str, Any]:
    return {"offers": offers(user)}


def action_named(key: str) -> DocumentAction | None:
    return next((a for a in declared("document_actions") if a.key == key), None)


def only_marked(found: QuerySet | list[Document], user, which: str) -> QuerySet | list[Document]:
    """The matches the user starred ("important") or has not opened yet ("unread")."""
    if which not in MARK_FILTERS:
        return found
    starred = DocumentMark.objects.filter(user=user, important=True).values("document_id")
    read = DocumentMark.objects.filter(user=user, read_at__isnull=False).values("document_id")
    if isinstance(found, QuerySet):
        return found.filter(pk__in=starred) if which == "important" else found.exclude(pk__in=read)
    keep = set(starred.values_list("document_id", flat=True) if which == "important" else read.values_list("document_id", flat=True))
    return [doc for doc in found if (doc.pk in keep) == (which == "important")]


def results(rows: list[Row], words: list[str], user) -> list[dict[str, Any]]:
    """What a result row shows: the title and a snippet around the match, both marked; the user's marks."""
    marks, names = marks_of(user, [row.doc for row in rows]), office_names()
    out = []
    for row in rows:
        doc, mark = row.doc, marks.get(row.doc.pk)
        body = doc.text if doc.title else doc.text[60:]  # without a title, the first words are the title
        out.append({"doc": doc, "copies": row.copies, "title": highlight.marked(doc.display_title, words),
                    "snippet": highlight.snippet(body, words) if body.strip() else "",
                    "site": site_name(doc.site, names), "sentiment": sentiment_label(doc.sentiment),
                    "others": [{"doc": o, "site": site_name(o.site, names)} for o in row.others],
                    "read": bool(mark and mark.read_at), "important": bool(mark and mark.important)})
    return out
