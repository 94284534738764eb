from __future__ import annotations

import json
from urllib.parse import urlparse

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django.utils.translation import gettext_lazy as _

from yuqing.documents.forms import CorrectionForm, SearchForm
from yuqing.documents import corrections, negative, threads
from yuqing.documents.models import Document, Event
from yuqing.documents import highlight, work
from yuqing.documents.folding import folded
from yuqing.documents.labels import sentiment_label
from yuqing.documents.marks import seen
from yuqing.documents.paging import SearchPage, page_number
from yuqing.documents.search import matching, parse_query
from yuqing.documents.work import only_marked, results
from yuqing.documents.event_rank import event_figures, min_authors
from yuqing.errors import InputError, QueryError

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
        found, notes = matching(query, filters)
        words = highlight.terms(parse_query(query))
    except QueryError as error:
        context.update(query_error=_localised(error), query_caret=" " * error.position + "^")
        return render(request, "documents/list.html", context)
    found = only_marked(found, request.user, request.GET.get("mark", ""))
    total, stories, rows = folded(found, (number - 1) * PAGE_SIZE, PAGE_SIZE)
    params = request.GET.copy()
    params.pop("page", None)
    context.update(
        total=total, stories=stories, notes={note: True for note in notes}, query_string=params.urlencode(),
        page_obj=SearchPage(rows, number, PAGE_SIZE, stories), rows=results(rows, words, request.user),
        **work.targets(request.user))
    return render(request, "documents/list.html", context)


def _localised(error: QueryError) -> str:
    from django.utils.translation import get_language

    return error.message_zh if (get_language() or "").startswith("zh") else str(error)


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(Document.objects.select_related("source"), pk=pk)
    safe_url = doc.url if urlparse(doc.url).scheme in {"http", "https"} else ""
    raw_json = json.dumps(doc.raw, ensure_ascii=False, indent=2, default=str)
    mark = seen(request.user, doc)
    context = {"doc": doc, "safe_url": safe_url, "raw_json": raw_json, "thread": threads.thread(doc),
               "comment_count": threads.comment_count(doc), "post": _post_of(doc),
               "history": list(doc.engagement_history.order_by("at")[:200]),
               "sentiment_label": sentiment_label(doc.sentiment), "why_negative": negative.reasons(doc),
               "corrections": doc.corrections.select_related("by").order_by("-at", "-id"),
               "correction_form": CorrectionForm() if corrections.can_correct(request.user) else None,
               "mark": mark, **work.targets(request.user)}
    return render(request, "documents/detail.html", context)


@login_required
@require_POST
def document_correct(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(Document, pk=pk)
    if not corrections.can_correct(request.user):
        raise PermissionDenied
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            corrections.correct_document(request.user, doc, **form.cleaned_data)
        except InputError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Correction saved; it will also teach the next model."))
    else:
        messages.error(request, "; ".join(f"{k}: {', '.join(v)}" for k, v in form.errors.items()))
    return redirect("documents:detail", pk)


def _post_of(doc: Document) -> Document | None:
    """The post a comment belongs to, when it was collected."""
    if doc.kind != "comment" or not doc.root_ref:
        return None
    return Document.objects.filter(site=doc.site, external_id=doc.root_ref).exclude(kind="comment").first()


@login_required
def event_detail(request: HttpRequest, key: str) -> HttpResponse:
    event = get_object_or_404(Event, key=key)
    timeline = threads.comment_timeline(key)
    posts = Document.objects.filter(event_id=key).exclude(kind="comment").order_by("-published_at")[:20]
    totals = {"posts": sum(r["posts"] for r in timeline), "comments": sum(r["comments"] for r in timeline),
              "negative": sum(r["negative"] for r in timeline)}
    return render(request, "documents/event.html", {"event": event, "timeline": timeline, "posts": posts, "totals": totals,
                                                    "figures": event_figures(key), "min_authors": min_authors()})
