"""Generating briefings (one audited action each) and rendering them to Word, PDF or HTML."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from yuqing.accounts.roles import has_role
from yuqing.actions import action
from yuqing.briefings import incident_report, period_report, periods
from yuqing.briefings.models import Briefing, Kind, Schedule
from yuqing.errors import InputError, WorkflowError

WRITERS = ("admin", "leader", "analyst", "duty_officer", "editor", "chief_editor")
FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "pdf": "application/pdf", "html": "text/html; charset=utf-8"}


def can_generate(user) -> bool:
    return has_role(user, *WRITERS)


def _check(actor) -> None:
    # actor None: the scheduler or the command line, run by whoever runs the server.
    if actor is not None and not can_generate(actor):
        raise WorkflowError(_("Only analysts, duty officers, editors, leaders and administrators may generate briefings"))


def _scope_label(scheme_id: int | None, place_code: str) -> str:
    parts = []
    if scheme_id:
        from yuqing.monitoring.models import Scheme

        scheme = Scheme.objects.filter(pk=scheme_id).first()
        if scheme is None:
            raise InputError(_("There is no scheme %(id)s") % {"id": scheme_id})
        parts.append(scheme.name)
    if place_code:
        from yuqing.analysis.gazetteer import get_gazetteer

        name = get_gazetteer().name_of(place_code)
        if name is None:
            raise InputError(_("There is no place with code %(code)s") % {"code": place_code})
        parts.append(name)
    return "·".join(parts)


@action("briefing.generate")
def generate(actor, *, kind: str, day: date | None = None, scheme_id: int | None = None, place_code: str = "",
             base_url: str = "", schedule: Schedule | None = None) -> Briefing:
    """A daily/weekly/monthly briefing for the period containing `day` (default: the last one over)."""
    _check(actor)
    span = periods.period(kind, day) if day else periods.last_complete(kind)
    scope_label = _scope_label(scheme_id, place_code)
    title = _("%(kind)s (%(period)s)") % {"kind": Kind(kind).label, "period": span.label}
    title = f"{title} {scope_label}".strip()
    scope = period_report.Scope(kind, span.since, span.until, span.label, scheme_id, place_code)
    base_url = base_url or settings.YUQING.base_url
    content = period_report.build(scope, base_url, title)
    return Briefing.objects.create(kind=kind, title=title[:300], period_start=span.since, period_end=span.until,
                                   scheme_id=scheme_id, place_code=place_code, content=content, base_url=base_url,
                                   schedule=schedule, created_by=actor)


@action("briefing.generate_incident")
def generate_for_incident(actor, incident, *, base_url: str = "") -> Briefing:
    """The special report (专报) of an incident, as it stands now."""
    _check(actor)
    title = _("Special report: %(title)s") % {"title": incident.title}
    base_url = base_url or settings.YUQING.base_url
    content = incident_report.build(incident, base_url, title)
    from django.utils.dateparse import parse_datetime

    return Briefing.objects.create(kind=Kind.SPECIAL, title=title[:300], incident=incident, content=content,
                                   period_start=parse_datetime(content["period"]["since"]),
                                   period_end=parse_datetime(content["period"]["until"]),
                                   base_url=base_url, created_by=actor)


def render(briefing: Briefing, fmt: str) -> bytes:
    if fmt == "docx":
        from yuqing.briefings.render_docx import report_docx

        return report_docx(briefing.content)
    if fmt == "pdf":
        from yuqing.briefings.render_pdf import report_pdf

        return report_pdf(briefing.content)
    if fmt == "html":
        from yuqing.briefings.render_html import report_html

        return report_html(briefing.content).encode("utf-8")
    raise InputError(_("Unknown format %(fmt)s; use docx, pdf or html") % {"fmt": fmt})


def filename(briefing: Briefing, fmt: str) -> str:
    stamp = briefing.period_start.strftime("%Y%m%d") if briefing.period_start else "report"
    return f"briefing-{briefing.kind}-{stamp}-{briefing.pk}.{fmt}"
