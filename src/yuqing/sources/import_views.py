"""The import page: upload a file or pick one in an import folder, map its columns (guessed from
标题/正文/链接/发布时间/作者/来源 headers, or a saved mapping), preview the first rows as mapped, queue
it, watch its progress, and read the summary with the quarantined rows and their reasons.

Administrators and analysts import (they manage sources); picking a file on the server is an
administrator's, as file sources are. The upload's size is checked on its Content-Length before
the body is read (yuqing.sources.middleware), and again on the received file.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from yuqing.collect.headers import FIELDS
from yuqing.errors import InputError
from yuqing.sources import importing
from yuqing.sources.access import can_manage_kind, can_manage_sources, can_see_raw
from yuqing.sources.models import ImportJob, ImportMapping, QuarantinedRecord, Source

FIELD_LABELS = {
    "": gettext_lazy("(not imported)"), "id": gettext_lazy("id"), "title": gettext_lazy("title"),
    "text": gettext_lazy("text"), "url": gettext_lazy("link"), "created_at": gettext_lazy("published"),
    "author": gettext_lazy("author"), "site": gettext_lazy("source site"), "platform": gettext_lazy("platform"),
    "account_kind": gettext_lazy("account kind"), "ip_location": gettext_lazy("IP location"),
    "likes": gettext_lazy("likes"), "comments": gettext_lazy("comments"), "reposts": gettext_lazy("reposts"),
    "views": gettext_lazy("views"),
}


def _require_importer(request: HttpRequest) -> None:
    if not can_manage_sources(request.user):
        raise PermissionDenied(_("Imports are made by administrators and analysts."))


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    may_pick = can_manage_kind(request.user, Source.Kind.FILE)
    if request.method == "POST":
        try:
            job = _new_job(request, may_pick)
        except InputError as error:
            messages.error(request, str(error))
        else:
            return redirect("sources:import_job", job.pk)
    jobs = ImportJob.objects.select_related("source", "run")[:20]
    return render(request, "sources/import.html", {"folder_files": importing.folder_files() if may_pick else None,
                                                   "jobs": jobs, "max_mb": _max_bytes() // (1024 * 1024)})


def _new_job(request: HttpRequest, may_pick: bool) -> ImportJob:
    upload = request.FILES.get("file")
    if upload is not None:
        if upload.size > _max_bytes():
            raise InputError(_("The file is larger than %(mb)d MB") % {"mb": _max_bytes() // (1024 * 1024)})
        if not upload.name.lower().endswith(importing.SUFFIXES):
            raise InputError(_("Choose an Excel (.xlsx), CSV, JSON or JSONL file"))
        return importing.save_upload(upload, request.user)
    name = request.POST.get("folder_file", "")
    if name and may_pick:
        return importing.job_for_folder_file(name, request.user)
    raise InputError(_("Choose a file to upload or a file in an import folder"))


def _max_bytes() -> int:
    from django.conf import settings

    return settings.YUQING.upload_max_bytes


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    job = get_object_or_404(ImportJob.objects.select_related("source", "run"), pk=pk)
    if job.status == ImportJob.Status.DRAFT:
        return _mapping_step(request, job)
    return render(request, "sources/import_job.html", {"job": job, **_progress(request, job)})


def _mapping_step(request: HttpRequest, job: ImportJob) -> HttpResponse:
    try:
        path = importing.job_path(job)
        names = importing.columns(path)
    except (InputError, OSError, ValueError) as error:
        messages.error(request, _("The file could not be read: %(error)s") % {"error": error})
        return redirect("sources:import")
    saved = ImportMapping.objects.filter(name=request.GET.get("mapping", "")).first()
    initial = {n: (saved.mapping.get(n, "") if saved else v) for n, v in importing.initial_mapping(names).items()}
    form = MappingForm(request.POST or None, names=names, initial_mapping=initial)
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping()
        if form.cleaned_data.get("save_as"):
            ImportMapping.objects.update_or_create(name=form.cleaned_data["save_as"], defaults={
                "mapping": {k: v for k, v in mapping.items() if v}, "created_by": request.user, "updated_at": timezone.now()})
        if "start" in request.POST:
            importing.queue(job, mapping)
            return redirect("sources:import_job", job.pk)
        initial = mapping
    rows = importing.preview(path, initial)
    return render(request, "sources/import_mapping.html", {
        "job": job, "form": form, "rows": rows, "saved": ImportMapping.objects.all(), "labels": FIELD_LABELS})


def _progress(request: HttpRequest, job: ImportJob) -> dict:
    run = job.run
    position = run.position if run else 0
    percent = min(100, round(100 * position / job.total_rows)) if job.total_rows and run else None
    rejects = QuarantinedRecord.objects.filter(run=run).order_by("id")[:200] if run else []
    for record in rejects:
        record.raw_visible = can_see_raw(request.user, record)
    return {"run": run, "percent": percent, "rejects": rejects, "refresh": job.status in (job.Status.PENDING, job.Status.RUNNING)}


class MappingForm(forms.Form):
    save_as = forms.CharField(label=gettext_lazy("Save this mapping as"), required=False, max_length=100)

    def __init__(self, *args, names: list[str], initial_mapping: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.names = names
        choices = [(field, FIELD_LABELS[field]) for field in ("",) + FIELDS]
        for index, name in enumerate(names):
            self.fields[f"col_{index}"] = forms.ChoiceField(label=name, choices=choices, required=False,
                                                            initial=initial_mapping.get(name, ""))

    def column_fields(self):
        return [self[f"col_{index}"] for index in range(len(self.names))]

    def mapping(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(f"col_{index}") or "" for index, name in enumerate(self.names)}

    def clean(self) -> dict:
        data = super().clean()
        chosen = [v for k, v in data.items() if k.startswith("col_") and v]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Each field can be taken from one column only"))
        if not {"title", "text"} & set(chosen):
            raise forms.ValidationError(_("Choose the column with the title or the text"))
        return data
