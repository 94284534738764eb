"""Incident pages: the list (with current events to open from), a new incident, one incident."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from yuqing.documents.models import Event
from yuqing.errors import InputError, WorkflowError
from yuqing.documents.event_rank import min_authors, ranked_events
from yuqing.incidents import actions, evidence, reporting, timeline
from yuqing.incidents.access import can_handle, can_open, can_see_all, visible_incidents
from yuqing.incidents.forms import CloseForm, EditForm, EntryForm, IncidentForm, MemberForm, StatementForm, TaskForm
from yuqing.incidents.models import Incident
from yuqing.incidents.places import place_code


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    incidents = visible_incidents(request.user).select_related("opened_by")
    since = timezone.now() - timedelta(days=3)
    events = ranked_events(Event.objects.filter(last_seen__gte=since, merged_into=""), 15) if can_open(request.user) else []
    return render(request, "incidents/list.html", {
        "open_incidents": incidents.exclude(state=Incident.State.CLOSED),
        "closed_incidents": incidents.filter(state=Incident.State.CLOSED)[:30],
        "events": events, "min_authors": min_authors(), "can_open": can_open(request.user)})


@login_required
def incident_new(request: HttpRequest) -> HttpResponse:
    if not can_open(request.user):
        raise PermissionDenied
    initial = {"event_keys": request.GET.get("event", "")}
    form = IncidentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incident = actions.open_incident(
                request.user, title=data["title"], severity=data["severity"], description=data["description"],
                event_keys=data["event_keys"].split(), place_code=place_code(data["place"]))
        except (InputError, WorkflowError) as error:
            form.add_error(None, str(error))
        else:
            return redirect("incidents:detail", incident.pk)
    return render(request, "incidents/new.html", {"form": form})


@login_required
def open_from_event(request: HttpRequest, key: str) -> HttpResponse:
    event = get_object_or_404(Event, key=key)
    if request.method != "POST":
        return redirect("incidents:list")
    try:
        incident = actions.open_from_event(request.user, event)
    except (InputError, WorkflowError) as error:
        messages.error(request, str(error))
        return redirect("incidents:list")
    return redirect("incidents:detail", incident.pk)


def get_visible(request: HttpRequest, pk: int) -> Incident:
    incident = get_object_or_404(Incident, pk=pk)
    if not (can_see_all(request.user) or can_handle(request.user, incident)):
        raise PermissionDenied
    return incident


@login_required
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_visible(request, pk)
    data, items = timeline.for_incident(incident)
    docs = evidence.documents(incident)
    return render(request, "incidents/detail.html", {
        "incident": incident, "data": data, "items": items, "can_handle": can_handle(request.user, incident),
        "members": incident.members.select_related("user"), "tasks": incident.tasks.select_related("owner"),
        "statements": incident.statements.all(), "actions_log": incident.entries.filter(kind="action").select_related("author"),
        "events": evidence.events(incident), "linked_keys": list(incident.linked_events.values_list("event_key", flat=True)),
        "documents": docs.order_by("-reposts", "published_at")[:15], "excluded": incident.linked_documents.filter(included=False).select_related("document"),
        "hourly": [{"t": timezone.localtime(b.start).strftime("%m-%d %H:00"), "n": b.count} for b in data.hourly],
        "forms": {"member": MemberForm(), "task": TaskForm(), "entry": EntryForm(), "statement": StatementForm(),
                  "close": CloseForm(), "edit": EditForm(initial={"title": incident.title, "severity": incident.severity,
                                                                   "description": incident.description})},
        "units": _units() if reporting.available() and not incident.submission_id else [],
        "briefings": _briefings(incident),
    })


def _units() -> list:
    from yuqing.units.models import Unit

    return list(Unit.objects.all().order_by("name")[:200])


def _briefings(incident: Incident) -> list:
    from importlib.util import find_spec

    if not find_spec("yuqing.briefings.models"):
        return []
    from yuqing.briefings.models import Briefing

    return list(Briefing.objects.filter(incident=incident).order_by("-created_at")[:10])
