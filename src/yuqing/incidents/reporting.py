"""The link to the reporting workflow: an incident asks a unit for its sudden-incident (突发) report.

The submissions app's `request_report` action creates the report with its deadline clocks
already running, counted from the time of the event (here: the incident's first post, else the
moment it was opened). Where the submissions app is absent, asking says so instead of failing
silently. The submission links back to the incident (SubmissionLink kind "incident").
"""

from __future__ import annotations

from importlib.util import find_spec

from django.utils.translation import gettext as _

from yuqing.errors import WorkflowError
from yuqing.incidents import evidence
from yuqing.incidents.models import Incident


def available() -> bool:
    return find_spec("yuqing.submissions.editing") is not None and find_spec("yuqing.units.models") is not None


def event_time(incident: Incident):
    first = evidence.documents(incident).order_by("published_at", "id").first()
    return min(first.published_at, incident.opened_at) if first else incident.opened_at


def place_name(incident: Incident) -> str:
    if not incident.place_code:
        return ""
    from yuqing.analysis.gazetteer import get_gazetteer

    return get_gazetteer().name_of(incident.place_code) or ""


def request_sudden_report(actor, incident: Incident, unit_id: int):
    if not available():
        raise WorkflowError(_("The reporting workflow is not installed here, so no sudden-incident report can be requested"))
    if incident.submission_id:
        raise WorkflowError(_("This incident already has its sudden-incident report"))
    from yuqing.submissions.editing import request_report
    from yuqing.submissions.models import SubmissionLink
    from yuqing.units.models import Unit

    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise WorkflowError(_("There is no unit %(id)s") % {"id": unit_id})
    item = request_report(actor, unit=unit, title=incident.title, event_at=event_time(incident),
                          event_place=place_name(incident))
    SubmissionLink.objects.get_or_create(submission=item, kind="incident", target=str(incident.pk),
                                         defaults={"label": incident.title[:300]})
    incident.submission_id = item.pk
    incident.save(update_fields=["submission_id"])
    return item


def resolve_link(actor, target: str) -> str | None:
    """For submissions.links.register_link_kind("incident", ...): the incident's title, when the
    actor may see the incident (None otherwise, as for an incident that does not exist)."""
    from yuqing.incidents.access import visible_incidents

    incident = visible_incidents(actor).filter(pk=int(target)).first() if target.isdigit() else None
    return incident.title if incident else None
