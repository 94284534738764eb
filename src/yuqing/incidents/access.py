"""Who may see and handle incidents."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from yuqing.accounts.roles import has_role
from yuqing.errors import WorkflowError
from yuqing.incidents.models import Incident

HANDLERS = ("admin", "leader", "duty_officer", "analyst")
READERS = HANDLERS + ("editor", "chief_editor")


def can_open(user) -> bool:
    return has_role(user, *HANDLERS)


def can_see_all(user) -> bool:
    return has_role(user, *READERS)


def visible_incidents(user) -> QuerySet[Incident]:
    if can_see_all(user):
        return Incident.objects.all()
    return Incident.objects.filter(members__user=user).distinct() if getattr(user, "pk", None) else Incident.objects.none()


def can_handle(user, incident: Incident) -> bool:
    if has_role(user, *HANDLERS):
        return True
    return getattr(user, "pk", None) is not None and incident.members.filter(user=user).exists()


def require_open(actor) -> None:
    if not can_open(actor):
        raise WorkflowError(_("Only duty officers, analysts, leaders and administrators may open incidents"))


def require_handler(actor, incident: Incident, *, open_only: bool = True) -> None:
    if not can_handle(actor, incident):
        raise WorkflowError(_("Only the incident's lead group, duty officers, analysts, leaders and administrators may do this"))
    if open_only and not incident.is_open:
        raise WorkflowError(_("The incident is closed: open a new incident if it flares up again"))
