from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

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
