"""The incident page's forms: each posts to one view that calls one action and returns to the page."""

from __future__ import annotations

from typing import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuqing.errors import InputError, WorkflowError
from yuqing.incidents import actions
from yuqing.incidents.forms import CloseForm, EditForm, EntryForm, MemberForm, StatementForm, TaskForm
from yuqing.incidents.models import Member, Task
from yuqing.incidents.views import get_visible


def _run(request: HttpRequest, pk: int, do: Callable[[], object], done: str, anchor: str = "") -> HttpResponse:
    try:
        do()
    except (InputError, WorkflowError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(reverse("incidents:detail", args=[pk]) + anchor)


def _form(request: HttpRequest, form_class: type[forms.Form]) -> dict:
    form = form_class(request.POST)
    if not form.is_valid():
        raise InputError("; ".join(f"{form.fields[k].label if k in form.fields else ''} {' '.join(v)}".strip()
                                   for k, v in form.errors.items()))
    return form.cleaned_data


@login_required
@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_visible(request, pk)
    return _run(request, pk, lambda: actions.start_response(request.user, incident), _("Response started"))


@login_required
@require_POST
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_visible(request, pk)

    def do():
        data = _form(request, EditForm)
        actions.update_incident(request.user, incident, title=data["title"], severity=data["severity"],
                                description=data["description"])
    return _run(request, pk, do, _("Incident updated"))


@login_required
@require_POST
def add_member(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_visible(request, pk)

    def do():
        data = _form(request, MemberForm)
        actions.add_member(request.user, incident, user_id=data["user"].pk, role=data["role"])
    return _run(request, pk, do, _("Lead group updated"), "#group")


@login_required
@require_POST
def remove_member(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    member = get_object_or_404(Member, pk=member_id, incident=get_visible(request, pk))
    return _run(request, pk, lambda: actions.remove_member(request.user, member), _("Lead group updated"), "#group")


@login_required
@require_POST
def add_task(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_visible(request, pk)

    def do():
        data = _form(request, TaskForm)
        actions.add_task(request.user, incident, title=data["title"], owner_id=data["owner"].pk if data["owner"] else None,
                         due_at=data["due_at"])
    return _run(request, pk, do, _("Task added"), "#tasks")


@login_required
@require_POST
def task_done(request: HttpRequest, pk: int, task_id: int) -> HttpResponse:
    task = get_object_or_404(Task, pk=task_id, incident=get_visible(request, pk))
    return _run(request, pk, lambda: actions.complete_task(request.user, task), _("Task done"), "#tasks")


@login_required
@require_POST
def add_entry(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_visible(request, pk)

    def do():
        data = _form(request, EntryForm)
        actions.add_entry(request.user, incident, kind=data["kind"], text=data["text"], at=data["at"])
    return _run(request, pk, do, _("Entry recorded"), "#timeline")


@login_required
@require_POST
def add_statement(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_visible(request, pk)

    def do():
        data = _form(request, StatementForm)
        actions.add_statement(request.user, incident, text=data["text"], channel=data["channel"], issuer=data["issuer"],
                              published_at=data["published_at"])
    return _run(request, pk, do, _("Statement recorded"), "#statements")


@login_required
@require_POST
def link_event(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_visible(request, pk)
    key = request.POST.get("event_key", "").strip()
    if request.POST.get("remove"):
        return _run(request, pk, lambda: actions.unlink_event(request.user, incident, event_key=key), _("Event removed"), "#events")
    return _run(request, pk, lambda: actions.link_event(request.user, incident, event_key=key), _("Event linked"), "#events")


@login_required
@require_POST
def set_document(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_visible(request, pk)
    raw = request.POST.get("document_id", "").strip().lstrip("#")
    included = request.POST.get("included", "1") == "1"

    def do():
        if not raw.isdigit():
            raise InputError(_("Give the document's number"))
        actions.set_document(request.user, incident, document_id=int(raw), included=included)
    return _run(request, pk, do, _("Document added") if included else _("Document taken out"), "#documents")


@login_required
@require_POST
def request_report(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_visible(request, pk)
    unit = request.POST.get("unit", "")

    def do():
        if not unit.isdigit():
            raise InputError(_("Choose the unit that reports"))
        actions.request_report(request.user, incident, unit_id=int(unit))
    return _run(request, pk, do, _("Sudden-incident report requested; its deadline clocks are running"))


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_visible(request, pk)

    def do():
        data = _form(request, CloseForm)
        actions.close(request.user, incident, lessons=data["lessons"])
    return _run(request, pk, do, _("Incident closed; its summary is written"))
