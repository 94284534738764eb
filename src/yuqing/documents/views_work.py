"""The selection form of search results and the document page: mark, export, or hand to another app."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuqing.documents import export
from yuqing.documents.folding import readable
from yuqing.documents.forms import SearchForm
from yuqing.documents.marks import mark
from yuqing.documents.models import Document
from yuqing.documents.search import matching
from yuqing.documents.work import action_named
from yuqing.errors import QueryError, YuqingError

MAX_SELECTED = 500
MAX_EXPORT = 5000
MARKS = {"read": {"read": True}, "unread": {"read": False}, "important": {"important": True},
         "unimportant": {"important": False}}


def _back(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("documents:list")


def _selected(request: HttpRequest) -> list[Document]:
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()][:MAX_SELECTED]
    found = Document.objects.in_bulk(ids)
    return [found[pk] for pk in dict.fromkeys(ids) if pk in found]


@login_required
@require_POST
def selection(request: HttpRequest) -> HttpResponse:
    documents, what = _selected(request), request.POST.get("do", "")
    if not documents:
        messages.error(request, _("Select one or more documents first."))
        return _back(request)
    if what == "export":
        return _xlsx(documents)
    if what in MARKS:
        mark(request.user, documents, **MARKS[what])
        messages.success(request, _("Marked: %(n)d.") % {"n": len(documents)})
        return _back(request)
    return _hand_over(request, documents, what)


def _hand_over(request: HttpRequest, documents: list[Document], key: str) -> HttpResponse:
    declared = action_named(key)
    if declared is None:
        messages.error(request, _("Unknown action."))
        return _back(request)
    if not declared.allows(request.user):
        messages.error(request, str(declared.refusal))
        return _back(request)
    try:
        message, url = import_string(declared.run)(request.user, documents, request.POST.get(f"target-{key}", ""))
    except YuqingError as error:
        messages.error(request, str(error))
        return _back(request)
    if message:
        messages.success(request, message)
    return redirect(url) if url else _back(request)


def _xlsx(documents) -> HttpResponse:
    response = HttpResponse(export.workbook(documents),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="documents-{stamp}.xlsx"'
    return response


@login_required
def export_results(request: HttpRequest) -> HttpResponse:
    """Every result of a search (the newest MAX_EXPORT), as the selection export lays them out."""
    form = SearchForm(request.GET or None)
    if not form.is_valid():
        messages.error(request, _("The search could not be read."))
        return redirect("documents:list")
    try:
        found, _notes = matching(form.cleaned_data.get("q", ""), form.filters())
    except QueryError as error:
        messages.error(request, str(error))
        return redirect("documents:list")
    return _xlsx(list(readable(found)[:MAX_EXPORT]))
