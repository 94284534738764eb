"""Search over stored documents with the rule language, on the bigram index of either backend.

The query AST compiles to one SQL condition. Index leaves are exact for CJK terms of two or
more characters and for Latin words; everything else (NEAR, mixed terms, one-character terms)
compiles to a superset and each candidate is verified with the reference matcher, so results
and counts are exact either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from yuqing.analysis.query.ast import And, Node, Not, Or, Term
from yuqing.documents.models import Document
from yuqing.documents.search_compile import Cond, Compiler

SINGLE_CHAR_WINDOW = timedelta(days=30)


@dataclass
class SearchFilters:
    since: datetime | None = None
    until: datetime | None = None
    source_ids: list[int] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)


@dataclass
class SearchResult:
    total: int
    documents: list[Document]
    notes: list[str] = field(default_factory=list)


def parse_query(query: str) -> Node | None:
    from yuqing.analysis.query.parser import parse

    return parse(query) if query.strip() else None


def search(query: str | Node | None, filters: SearchFilters | None = None, limit: int = 20, offset: int = 0) -> SearchResult:
    found, notes = matching(query, filters)
    if isinstance(found, QuerySet):
        return SearchResult(found.count(), list(found[offset : offset + limit]), notes)
    return SearchResult(len(found), found[offset : offset + limit], notes)


def matching(query: str | Node | None, filters: SearchFilters | None = None) -> tuple[QuerySet | list[Document], list[str]]:
    """Every match, newest first: a queryset when the index answers exactly, else the verified list."""
    node = parse_query(query) if isinstance(query, str) else query
    queryset, cond, notes = _candidates(node, filters or SearchFilters())
    if cond is None or cond.exact:
        return queryset, notes
    return list(_verified(queryset, node)), notes


def count(query: str | Node | None, filters: SearchFilters | None = None) -> int:
    return search(query, filters, limit=0).total


def _candidates(node: Node | None, filters: SearchFilters) -> tuple[QuerySet, Cond | None, list[str]]:
    notes: list[str] = []
    if node is not None and _has_single_char(node) and filters.since is None:
        end = filters.until or timezone.now()
        filters = SearchFilters(end - SINGLE_CHAR_WINDOW, filters.until, filters.source_ids, filters.sites)
        notes.append("single_char_window")
    queryset = _filtered(Document.objects.all(), filters)
    if node is None:
        return queryset, None, notes
    cond = Compiler(connection.vendor).compile(node)
    return queryset.extra(where=[cond.sql], params=cond.params), cond, notes


def _filtered(queryset: QuerySet, filters: SearchFilters) -> QuerySet:
    if filters.since:
        queryset = queryset.filter(published_at__gte=filters.since)
    if filters.until:
        queryset = queryset.filter(published_at__lt=filters.until)
    if filters.source_ids:
        queryset = queryset.filter(source_id__in=filters.source_ids)
    if filters.sites:
        queryset = queryset.filter(site__in=filters.sites)
    return queryset.order_by("-published_at", "-id")


def _verified(queryset: QuerySet, node: Node):
    from yuqing.analysis.query.evaluate import matches
    from yuqing.documents.postview import post_for_matching

    for doc in queryset.iterator(chunk_size=2000):
        if matches(node, post_for_matching(doc)):
            yield doc


def _has_single_char(node: Node) -> bool:
    from yuqing.documents.search_compile import is_single_char_term

    if isinstance(node, Term):
        return is_single_char_term(node)
    if isinstance(node, (And, Or)):
        return any(_has_single_char(child) for child in node.children)
    if isinstance(node, Not):
        return _has_single_char(node.child)
    return _has_single_char(node.left) or _has_single_char(node.right)
