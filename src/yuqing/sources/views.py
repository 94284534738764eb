from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuqing.errors import InputError
from yuqing.sources import actions
from yuqing.sources.access import can_manage_kind, can_manage_sources, can_see_raw, require_manage
from yuqing.sources.forms import SourceForm
from yuqing.sources.models import ADDED_BY_HAND, QuarantinedRecord, Source


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    return render(request, "sources/list.html", {"sources": Source.objects.all(), "can_add": can_manage_sources(request.user),
                                                 "show_paths": can_manage_kind(request.user, Source.Kind.FILE)})


@login_required
def source_add(request: HttpRequest) -> HttpResponse:
    if not can_manage_sources(request.user):
        raise PermissionDenied(_("Sources are managed by administrators and analysts."))
    form = SourceForm(request.POST or None, kinds=[k for k in ADDED_BY_HAND if can_manage_kind(request.user, k)])
    if request.method == "POST" and form.is_valid():
        try:
            source = actions.create_source(request.user, **form.action_arguments())
        except InputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Source added; it will be collected within a minute."))
            return redirect("sources:detail", source.pk)
    return render(request, "sources/form.html", {"form": form})


@login_required
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    return render(request, "sources/detail.html", {"source": source, "runs": source.runs.all()[:20],
                                                   "can_manage": can_manage_kind(request.user, source.kind),
                                                   "can_manage_files": can_manage_kind(request.user, Source.Kind.FILE)})


@login_required
@require_POST
def source_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    actions.update_source(request.user, source, enabled=not source.enabled)  # refuses who may not
    return redirect("sources:detail", pk)


@login_required
@require_POST
def source_collect(request: HttpRequest, pk: int) -> HttpResponse:
    from yuqing.sources.work import request_collection

    source = get_object_or_404(Source, pk=pk)
    require_manage(request.user, source.kind)
    request_collection(source)
    messages.success(request, _("Collection queued; its run appears below within a minute."))
    return redirect("sources:detail", pk)


@login_required
def quarantine_list(request: HttpRequest) -> HttpResponse:
    records = QuarantinedRecord.objects.select_related("source")
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    for record in page:
        record.raw_visible = can_see_raw(request.user, record)
    return render(request, "sources/quarantine.html", {"page_obj": page})
