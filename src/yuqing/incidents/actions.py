"""Every write to an incident: one audited action each (one transaction, event after commit).

Opening: by hand, from an event, or from an alert (monitoring calls `take_handler` when an alert
is taken up). Opening can also ask a unit for the sudden-incident report of the reporting
workflow, whose deadline clocks then start counting from the incident's first post.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.actions import action
from yuqing.documents.models import Document, Event
from yuqing.errors import InputError, WorkflowError
from yuqing.incidents import closing, reporting
from yuqing.incidents.access import require_handler, require_open
from yuqing.incidents.models import Entry, Incident, LinkedDocument, LinkedEvent, Member, Severity, Statement, Task


def _clean(text: str, what: str, limit: int = 10_000) -> str:
    text = (text or "").strip()
    if not text:
        raise InputError(_("Write the %(what)s first") % {"what": what})
    return text[:limit]


@action("incident.open")
def open_incident(actor, *, title: str, severity: str = Severity.MEDIUM, description: str = "",
                  origin: str = Incident.Origin.MANUAL, alert_id: int | None = None, event_keys: Iterable[str] = (),
                  document_ids: Iterable[int] = (), place_code: str = "", report_unit_id: int | None = None,
                  now: datetime | None = None) -> Incident:
    require_open(actor)
    if severity not in Severity.values:
        raise InputError(_("Unknown severity %(value)s") % {"value": severity})
    now = now or timezone.now()
    incident = Incident.objects.create(title=_clean(title, _("title"), 300), description=description.strip(),
                                       severity=severity, origin=origin, alert_id=alert_id, place_code=place_code,
                                       opened_by=actor, opened_at=now)
    Member.objects.create(incident=incident, user=actor, role=Member.Role.LEAD, added_at=now)
    for key in dict.fromkeys(k for k in event_keys if k):
        LinkedEvent.objects.create(incident=incident, event_key=key, added_by=actor, added_at=now)
    existing = set(Document.objects.filter(pk__in=list(document_ids)).values_list("pk", flat=True))
    LinkedDocument.objects.bulk_create([LinkedDocument(incident=incident, document_id=pk, by=actor, at=now) for pk in existing])
    if report_unit_id:
        reporting.request_sudden_report(actor, incident, report_unit_id)
    return incident


def open_from_event(actor, event: Event, **options) -> Incident:
    return open_incident(actor, title=options.pop("title", "") or event.title or event.key, origin=Incident.Origin.EVENT,
                         event_keys=[event.key], **options)


def open_from_alert(actor, alert) -> Incident:
    """An incident for a monitoring alert: its title, severity, events and documents."""
    doc_rows = list(alert.documents.values_list("pk", "event_id"))
    keys = [alert.group_key.split(":", 1)[1]] if alert.group_key.startswith("event:") else []
    keys += [event_id for _pk, event_id in doc_rows if event_id]
    severity = alert.severity if alert.severity in Severity.values else Severity.LOW
    return open_incident(actor, title=alert.title, severity=severity, origin=Incident.Origin.ALERT, alert_id=alert.pk,
                         event_keys=keys, document_ids=[pk for pk, _e in doc_rows], now=alert.taken_at,
                         description=_("Opened from alert #%(id)d (%(kind)s)") % {"id": alert.pk, "kind": alert.reasons_display})


def take_handler(alert, actor) -> str:
    """Registered with monitoring: taking an alert up opens its incident; returns its address."""
    from django.urls import reverse

    existing = Incident.objects.filter(alert_id=alert.pk).first()
    incident = existing or open_from_alert(actor, alert)
    return reverse("incidents:detail", args=[incident.pk])


@action("incident.update")
def update_incident(actor, incident: Incident, *, title: str | None = None, severity: str | None = None,
                    description: str | None = None, place_code: str | None = None) -> Incident:
    """Rename, re-grade or re-describe an open incident (severity often changes as it develops)."""
    require_handler(actor, incident)
    if severity is not None and severity not in Severity.values:
        raise InputError(_("Unknown severity %(value)s") % {"value": severity})
    incident.title = _clean(title, _("title"), 300) if title is not None else incident.title
    incident.severity = severity or incident.severity
    incident.description = description.strip() if description is not None else incident.description
    incident.place_code = place_code if place_code is not None else incident.place_code
    incident.save()
    return incident


@action("incident.respond")
def start_response(actor, incident: Incident, *, now: datetime | None = None) -> Incident:
    require_handler(actor, incident)
    if incident.state != Incident.State.WATCHING:
        raise WorkflowError(_("The response has already started"))
    incident.state, incident.responding_at = Incident.State.RESPONDING, now or timezone.now()
    incident.save(update_fields=["state", "responding_at"])
    return incident


@action("incident.member_add")
def add_member(actor, incident: Incident, *, user_id: int, role: str = Member.Role.MEMBER) -> Member:
    require_handler(actor, incident)
    if role not in Member.Role.values:
        raise InputError(_("Unknown role %(value)s") % {"value": role})
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise InputError(_("There is no active user %(id)s") % {"id": user_id})
    member, _created = Member.objects.update_or_create(incident=incident, user=user, defaults={"role": role})
    return member


@action("incident.member_remove")
def remove_member(actor, member: Member) -> None:
    require_handler(actor, member.incident)
    if member.role == Member.Role.LEAD and member.incident.members.filter(role=Member.Role.LEAD).count() == 1:
        raise WorkflowError(_("The incident needs a lead: name another lead before removing this one"))
    member.delete()


@action("incident.task_add")
def add_task(actor, incident: Incident, *, title: str, owner_id: int | None = None, due_at: datetime | None = None) -> Task:
    require_handler(actor, incident)
    owner = get_user_model().objects.filter(pk=owner_id).first() if owner_id else None
    if owner_id and owner is None:
        raise InputError(_("There is no user %(id)s") % {"id": owner_id})
    return Task.objects.create(incident=incident, title=_clean(title, _("task"), 300), owner=owner, due_at=due_at,
                               created_by=actor)


@action("incident.task_done")
def complete_task(actor, task: Task, *, now: datetime | None = None) -> Task:
    require_handler(actor, task.incident)
    if task.done_at:
        raise WorkflowError(_("This task is already done"))
    task.done_at = now or timezone.now()
    task.save(update_fields=["done_at"])
    return task


@action("incident.event_link")
def link_event(actor, incident: Incident, *, event_key: str) -> LinkedEvent:
    require_handler(actor, incident)
    if not Event.objects.filter(key=event_key).exists():
        raise InputError(_("There is no event %(key)s") % {"key": event_key})
    link, _created = LinkedEvent.objects.get_or_create(incident=incident, event_key=event_key, defaults={"added_by": actor})
    return link


@action("incident.event_unlink")
def unlink_event(actor, incident: Incident, *, event_key: str) -> None:
    require_handler(actor, incident)
    incident.linked_events.filter(event_key=event_key).delete()


@action("incident.document_set")
def set_document(actor, incident: Incident, *, document_id: int, included: bool) -> LinkedDocument:
    """Add a document by hand (included) or take one out of the incident (excluded)."""
    require_handler(actor, incident)
    if not Document.objects.filter(pk=document_id).exists():
        raise InputError(_("There is no document %(id)s") % {"id": document_id})
    link, _created = LinkedDocument.objects.update_or_create(
        incident=incident, document_id=document_id, defaults={"included": included, "by": actor, "at": timezone.now()})
    return link


@action("incident.entry")
def add_entry(actor, incident: Incident, *, kind: str, text: str, at: datetime | None = None) -> Entry:
    require_handler(actor, incident)
    if kind not in Entry.Kind.values:
        raise InputError(_("Unknown entry kind %(value)s") % {"value": kind})
    return Entry.objects.create(incident=incident, kind=kind, text=_clean(text, _("entry")), at=at or timezone.now(),
                                author=actor)


@action("incident.statement")
def add_statement(actor, incident: Incident, *, text: str, channel: str, issuer: str,
                  published_at: datetime | None = None) -> Statement:
    """Record the office's own statement, attributed to the office or spokesperson who issued it."""
    require_handler(actor, incident)
    return Statement.objects.create(incident=incident, text=_clean(text, _("statement")),
                                    channel=_clean(channel, _("channel"), 200), issuer=_clean(issuer, _("issuer"), 200),
                                    published_at=published_at or timezone.now(), recorded_by=actor)


@action("incident.report_request")
def request_report(actor, incident: Incident, *, unit_id: int) -> Incident:
    require_handler(actor, incident)
    reporting.request_sudden_report(actor, incident, unit_id)
    return incident


@action("incident.close")
def close(actor, incident: Incident, *, lessons: str = "", now: datetime | None = None) -> Incident:
    require_handler(actor, incident)
    now = now or timezone.now()
    incident.summary = closing.summarize(incident, now, lessons.strip())
    incident.state, incident.closed_at, incident.closed_by, incident.lessons = Incident.State.CLOSED, now, actor, lessons.strip()
    incident.save()
    return incident
