"""From documents to an incident: "add to an incident" on a document page and on search results."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from yuqing.errors import InputError
from yuqing.incidents import actions
from yuqing.incidents.access import can_handle, visible_incidents
from yuqing.incidents.models import Incident


def choices(user) -> list[tuple[str, str]]:
    """Open incidents this user may add to, newest first."""
    open_ones = visible_incidents(user).exclude(state=Incident.State.CLOSED).order_by("-opened_at")[:50]
    return [(str(i.pk), i.title) for i in open_ones if can_handle(user, i)]


def add(actor, documents: list, target: str) -> tuple[str, str]:
    incident = visible_incidents(actor).filter(pk=int(target) if target.isdigit() else 0).first()
    if incident is None:
        raise InputError(_("Choose an open incident"))
    for doc in documents:
        actions.set_document(actor, incident, document_id=doc.pk, included=True)
    return _("%(n)d added to the incident “%(title)s”.") % {"n": len(documents), "title": incident.title}, \
        reverse("incidents:detail", args=[incident.pk]) if len(documents) == 1 else ""
