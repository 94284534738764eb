from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from yuqing.accounts.auth import IngestTokenAuth

from yuqing.documents.models import Document
from yuqing.documents.search import SearchFilters, search

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: int
    url: str
    site: str
    title: str
    text: str
    author: str
    published_at: datetime
    collected_at: datetime
    language: str
    sentiment: str
    sentiment_score: float | None
    risk: int | None
    risk_score: float | None
    risk_type: str
    risk_why: list
    places: list
    keywords: list
    event_id: str
    reposts: int
    comments: int
    likes: int
    source_id: int | None


class DocumentPage(Schema):
    total: int
    items: list[DocumentOut]
    notes: list[str]


@router.get("", response=DocumentPage, summary="Search documents (rule language), newest first")
def list_documents(request, q: str = "", since: datetime | None = None, until: datetime | None = None,
                   source: list[int] | None = None, limit: int = 20, offset: int = 0):
    filters = SearchFilters(since=since, until=until, source_ids=source or [])
    result = search(q, filters, limit=min(max(limit, 0), 200), offset=max(offset, 0))
    return {"total": result.total, "items": result.documents, "notes": result.notes}


@router.get("/{doc_id}", response=DocumentOut)
def get_document(request, doc_id: int):
    return get_object_or_404(Document, pk=doc_id)


@router.post("", auth=[IngestTokenAuth()], summary="Push a batch of documents (JSON array or NDJSON)",
             description="Needs a token with the ingest scope (`yuqing createtoken USER --scope ingest`). "
                         "Answers per record: stored, duplicate, or quarantined with the reason. "
                         "413: body over YUQING_INGEST_MAX_BYTES; 429: too much waiting, retry after Retry-After seconds.")
def push_documents(request: HttpRequest, format: str = "", platform: str = "", kind: str = "", mapping: str = ""):
    from yuqing.documents import ingest

    limit = settings.YUQING.ingest_max_bytes
    declared = request.META.get("CONTENT_LENGTH") or ""
    if not declared.isdigit():
        return JsonResponse({"detail": _("Send a Content-Length header")}, status=411)
    if int(declared) > limit:  # refused before a byte of the body is read
        return JsonResponse({"detail": _("The body is larger than %(limit)d bytes; send smaller batches") % {"limit": limit}}, status=413)
    reader = ingest.reader_for({"format": format, "platform": platform, "kind": kind, "mapping": mapping})
    batch = ingest.parse_body(request.read(limit + 1), request.content_type or "", reader)
    try:
        result = ingest.store(batch, _push_source(request.user))
    except ingest.QueueFull as full:
        response = JsonResponse({"detail": _("Too much is waiting to be analysed; nothing was stored, retry later")}, status=429)
        response["Retry-After"] = str(full.retry_after)
        return response
    return JsonResponse(result)


def _push_source(user):
    """The user's push source, named in the office's language after the person (the login stays in its address)."""
    from django.utils import translation

    from yuqing.accounts.people import person_name
    from yuqing.sources.models import Source

    source = Source.objects.filter(kind=Source.Kind.PUSH, url=f"push:{user.username}").first()
    if source is None:
        with translation.override(settings.LANGUAGE_CODE):
            name = _("Pushed by %(name)s") % {"name": person_name(user)}
        source, _created = Source.objects.get_or_create(kind=Source.Kind.PUSH, url=f"push:{user.username}",
                                                        defaults={"name": name, "enabled": False})
    return source
