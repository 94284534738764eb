from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuqing.errors import InputError
from yuqing.sources import actions
from yuqing.sources.forms import SourceForm
from yuqing.sources.models import QuarantinedRecord, Source


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    return render(request, "sources/list.html", {"sources": Source.objects.all()})


@login_required
def source_add(request: HttpRequest) -> HttpResponse:
    form = SourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            source = actions.create_source(request.user, **form.cleaned_data)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Source added; it will be collected within a minute."))
            return redirect("sources:detail", source.pk)
    return render(request, "sources/form.html", {"form": form})


@login_required
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    return render(request, "sources/detail.html", {"source": source, "runs": source.runs.all()[:20]})


@login_required
@require_POST
def source_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    actions.update_source(request.user, source, enabled=not source.enabled)
    return redirect("sources:detail", pk)


@login_required
@require_POST
def source_collect(request: HttpRequest, pk: int) -> HttpResponse:
    from yuqing.sources.collecting import collect_source

    source = get_object_or_404(Source, pk=pk)
    run = collect_source(source)
    if run.status == run.Status.OK:
        messages.success(request, _("Collected: %(new)d new, %(dup)d already stored.") % {"new": run.items_new, "dup": run.items_duplicate})
    else:
        messages.error(request, _("Collection failed: %(error)s") % {"error": run.error})
    return redirect("sources:detail", pk)


@login_required
def quarantine_list(request: HttpRequest) -> HttpResponse:
    records = QuarantinedRecord.objects.select_related("source")
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    return render(request, "sources/quarantine.html", {"page_obj": page})
