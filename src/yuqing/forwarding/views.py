"""The forwarding pages: the batches, composing one, sending it, recording what the higher level did."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuqing.accounts.people import person_name
from yuqing.errors import InputError, YuqingError
from yuqing.forwarding import actions, exports, outcomes
from yuqing.forwarding.access import can_forward, visible_batches
from yuqing.forwarding.models import Batch, HigherBody
from yuqing.submissions.access import visible_submissions
from yuqing.submissions.diff import diff_segments
from yuqing.submissions.models import Level, State
from yuqing.submissions.richtext import to_text
from yuqing.units.access import is_office_wide, membership_unit


def _batch(request: HttpRequest, pk: int) -> Batch:
    return get_object_or_404(visible_batches(request.user).select_related("body", "sent_by"), pk=pk)


@login_required
def batch_list(request: HttpRequest) -> HttpResponse:
    if not is_office_wide(request.user):
        raise PermissionDenied
    if request.method == "POST":
        return _create(request)
    unit = membership_unit(request.user)
    return render(request, "forwarding/list.html", {
        "batches": visible_batches(request.user).select_related("body", "sent_by"), "can_forward": can_forward(request.user),
        "bodies": HigherBody.objects.filter(active=True), "sender": unit.name if unit else "",
        "contact": person_name(request.user)})


def _create(request: HttpRequest) -> HttpResponse:
    if not can_forward(request.user):
        raise PermissionDenied
    body = get_object_or_404(HigherBody, pk=request.POST.get("body") or 0, active=True)
    try:
        batch = actions.create_batch(request.user, body=body, sender=request.POST.get("sender", ""),
                                     contact=request.POST.get("contact", ""), phone=request.POST.get("phone", ""))
    except YuqingError as error:
        messages.error(request, str(error))
        return redirect("forwarding:list")
    return redirect("forwarding:detail", batch.pk)


def candidates(batch: Batch, user):
    """Adopted items not yet in this batch, nor already sent to the same body."""
    sent = batch.body.batches.filter(state=Batch.State.SENT).values("entries__submission")
    return (visible_submissions(user).filter(state=State.ADOPTED).exclude(pk__in=sent)
            .exclude(pk__in=batch.entries.values("submission")).select_related("unit").order_by("-adopted_at")[:100])


def _entries(batch: Batch) -> list:
    entries = list(batch.entries.select_related("submission__unit", "adoption", "edited_by"))
    for entry in entries:  # the forwarded wording against the unit's original, where edited
        original = entry.submission
        entry.changed = entry.edited_at is not None and (entry.title, to_text(entry.body)) != (original.title, to_text(original.body))
        entry.diff = diff_segments(to_text(original.body), to_text(entry.body)) if entry.changed else []
    return entries


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    composing = can_forward(request.user) and not batch.is_sent
    return render(request, "forwarding/detail.html", {
        "batch": batch, "entries": _entries(batch), "composing": composing,
        "candidates": candidates(batch, request.user) if composing else [],
        "recording": can_forward(request.user) and batch.is_sent,
        "levels": [(v, label) for v, label in Level.choices if v in outcomes.UPWARD]})


def _posted(request: HttpRequest, name: str) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else 0


def _entry(batch: Batch, request: HttpRequest):
    entry = batch.entries.filter(pk=_posted(request, "entry")).first()
    if entry is None:
        raise InputError(_("Choose an entry of this batch"))
    return entry


def _adopted(request: HttpRequest):
    item = visible_submissions(request.user).filter(pk=_posted(request, "submission")).first()
    if item is None:
        raise InputError(_("Choose an adopted item"))
    return item


def _outcome(request: HttpRequest, batch: Batch):
    on = request.POST.get("on", "")
    if on and parse_date(on) is None:
        raise InputError(_("Write the date as YYYY-MM-DD"))
    return outcomes.record_outcome(request.user, _entry(batch, request), adopted=request.POST.get("adopted") == "1",
                                   level=request.POST.get("level", ""), on=parse_date(on) if on else None,
                                   evidence=request.POST.get("evidence", ""), scan=request.FILES.get("scan"))


VERBS = {
    "update": lambda r, b: actions.update_batch(r.user, b, sender=r.POST.get("sender", ""), contact=r.POST.get("contact", ""),
                                                phone=r.POST.get("phone", ""), note=r.POST.get("note", "")),
    "add": lambda r, b: actions.add_entry(r.user, b, submission=_adopted(r)),
    "edit": lambda r, b: actions.edit_entry(r.user, _entry(b, r), title=r.POST.get("title", ""), body=r.POST.get("body", ""),
                                            source_label=r.POST.get("source_label", "")),
    "remove": lambda r, b: actions.remove_entry(r.user, _entry(b, r)),
    "up": lambda r, b: actions.move_entry(r.user, _entry(b, r), up=True),
    "down": lambda r, b: actions.move_entry(r.user, _entry(b, r), up=False),
    "send": lambda r, b: actions.send(r.user, b),
    "outcome": _outcome,
}


@login_required
@require_POST
def act(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    batch = _batch(request, pk)
    if verb not in VERBS:
        raise Http404
    try:
        VERBS[verb](request, batch)
    except YuqingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect("forwarding:detail", pk)


@login_required
def export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    batch = _batch(request, pk)
    if kind not in exports.RENDERERS:
        raise Http404
    content_type, render_file = exports.RENDERERS[kind]
    response = HttpResponse(render_file(batch), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{exports.file_stem(batch)}.{kind}")
    return response


@login_required
def evidence(request: HttpRequest, pk: int, entry_id: int) -> FileResponse:
    entry = get_object_or_404(_batch(request, pk).entries.exclude(evidence_file=""), pk=entry_id)
    return FileResponse(entry.evidence_file.open("rb"), as_attachment=True, filename=entry.evidence_name or "evidence")
