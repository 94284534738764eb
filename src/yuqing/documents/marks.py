"""A person's own marks on documents: read, important. Marked from a document or a selection."""

from __future__ import annotations

from django.utils import timezone

from yuqing.actions import action
from yuqing.documents.models import Document, DocumentMark


@action("document.mark")
def mark(actor, documents: list[Document], *, read: bool | None = None, important: bool | None = None) -> int:
    """Set the actor's read and/or important marks on `documents`; returns how many were marked."""
    now = timezone.now()
    existing = {m.document_id: m for m in DocumentMark.objects.filter(user=actor, document__in=documents)}
    for doc in documents:
        held = existing.get(doc.pk) or DocumentMark(user=actor, document=doc)
        if read is not None:
            held.read_at = (held.read_at or now) if read else None
        if important is not None:
            held.important = important
        held.updated_at = now
        held.save()
    return len(documents)


def marks_of(user, documents) -> dict[int, DocumentMark]:
    ids = [doc.pk for doc in documents]
    return {m.document_id: m for m in DocumentMark.objects.filter(user=user, document_id__in=ids)}


def seen(user, document: Document) -> DocumentMark:
    """Opening a document marks it read for whoever opened it (no audit row: it is not a decision).
    Returns the user's mark. Only the first opening writes: reading a page again takes no write lock,
    which on SQLite would wait for an import's transaction (issue 11)."""
    held = DocumentMark.objects.filter(user=user, document=document).first()
    if held is not None and held.read_at is not None:
        return held
    now = timezone.now()
    held, _created = DocumentMark.objects.update_or_create(user=user, document=document,
                                                          defaults={"read_at": now, "updated_at": now})
    return held
