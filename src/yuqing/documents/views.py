from __future__ import annotations

import json
from urllib.parse import urlparse

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from yuqing.documents.forms import SearchForm
from yuqing.documents.models import Document
from yuqing.documents.search import search
from yuqing.errors import QueryError
from yuqing.documents.paging import SearchPage, page_number

PAGE_SIZE = 20


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context: dict = {"form": form, "total": 0, "notes": {}}
    if request.GET and not form.is_valid():
        context["query_error"] = "; ".join(f"{k}: {', '.join(v)}" for k, v in form.errors.items())
        return render(request, "documents/list.html", context)
    query = form.cleaned_data.get("q", "") if form.is_bound else ""
    filters = form.filters() if form.is_bound else None
    number = page_number(request)
    try:
        result = search(query, filters, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    except QueryError as error:
        context.update(query_error=_localised(error), query_caret=" " * error.position + "^")
        return render(request, "documents/list.html", context)
    params = request.GET.copy()
    params.pop("page", None)
    context.update(
        total=result.total,
        notes={note: True for note in result.notes},
        page_obj=SearchPage(result.documents, number, PAGE_SIZE, result.total),
        query_string=params.urlencode(),
    )
    return render(request, "documents/list.html", context)


def _localised(error: QueryError) -> str:
    from django.utils.translation import get_language

    return error.message_zh if (get_language() or "").startswith("zh") else str(error)


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(Document.objects.select_related("source"), pk=pk)
    safe_url = doc.url if urlparse(doc.url).scheme in {"http", "https"} else ""
    raw_json = json.dumps(doc.raw, ensure_ascii=False, indent=2, default=str)
    return render(request, "documents/detail.html", {"doc": doc, "safe_url": safe_url, "raw_json": raw_json})
