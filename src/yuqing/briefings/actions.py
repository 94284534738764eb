"""Generating briefings (one audited action each) and rendering them to Word, PDF or HTML."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from django.utils import timezone

from yuqing.accounts.people import person_name
from yuqing.actions import action
from yuqing.briefings import incident_report, period_report, periods, workflow
from yuqing.briefings import picked
from yuqing.briefings.editing import APPENDIX, composed
from yuqing.briefings.models import Briefing, Kind, Schedule, State
from yuqing.errors import InputError, WorkflowError
from yuqing.sources.site_names import office_names, site_name

FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "pdf": "application/pdf", "html": "text/html; charset=utf-8"}


def can_generate(user) -> bool:
    return workflow.can_write(user)


def _check(actor) -> None:
    # actor None: the scheduler or the command line, run by whoever runs the server.
    if actor is not None and not can_generate(actor):
        raise WorkflowError(workflow.writer_refusal())


def current(kind: str, since, scheme_id: int | None = None, place_code: str = "", incident=None) -> Briefing | None:
    """The briefing of this period and scope (or of this incident), locked for the change to come."""
    found = Briefing.objects.select_for_update()
    if kind == Kind.SPECIAL:
        return found.filter(kind=kind, incident=incident).first()
    return found.filter(kind=kind, period_start=since, scheme_id=scheme_id, place_code=place_code).first()


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
    existing = current(kind, span.since, scheme_id, place_code)
    if existing is not None:
        return workflow.replace_generated(actor, existing, content, timezone.now())
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

    existing = current(Kind.SPECIAL, None, incident=incident)
    if existing is not None:
        existing.period_end = parse_datetime(content["period"]["until"])
        return workflow.replace_generated(actor, existing, content, timezone.now())
    return Briefing.objects.create(kind=Kind.SPECIAL, title=title[:300], incident=incident, content=content,
                                   period_start=parse_datetime(content["period"]["since"]),
                                   period_end=parse_datetime(content["period"]["until"]),
                                   base_url=base_url, created_by=actor)


def signature(briefing: Briefing) -> dict[str, str]:
    """Who signed the briefing off and when, for its files; {} while it is not signed."""
    signer = briefing.signed_off_by
    if briefing.state != State.SIGNED or signer is None:
        return {}
    return {"name": person_name(signer),
            "date": timezone.localtime(briefing.signed_off_at).strftime("%Y-%m-%d")}


def with_picked(briefing: Briefing) -> dict:
    """The generated content plus the section of documents staff picked (before the appendices)."""
    content = briefing.content
    if not briefing.picked:
        return content
    section, extra = picked.section(briefing.picked, content.get("evidence", []), briefing.base_url)
    sections = list(content.get("sections", []))
    at = next((i for i, s in enumerate(sections) if s["key"] in APPENDIX), len(sections))
    return {**content, "sections": [*sections[:at], section, *sections[at:]], "evidence": [*content.get("evidence", []), *extra]}


def shown(briefing: Briefing, drafts: bool = False) -> dict:
    """The content as people read it: staff texts over the generated content, the sign-off."""
    content = composed(with_picked(briefing), briefing.texts, signature(briefing), drafts)
    names = office_names()
    evidence = [{**e, "site": site_name(e.get("site", ""), names)} for e in content.get("evidence", [])]
    return {**content, "evidence": evidence, "title": briefing.title, "draft": briefing.state != State.SIGNED}


def render(briefing: Briefing, fmt: str) -> bytes:
    """The briefing as a file, all in the office's language (settings.LANGUAGE_CODE), the language its
    text was written in, whatever language the person downloading it reads the interface in."""
    from django.conf import settings
    from django.utils import translation

    if fmt not in ("docx", "pdf", "html"):
        raise InputError(_("Unknown format %(fmt)s; use docx, pdf or html") % {"fmt": fmt})
    with translation.override(settings.LANGUAGE_CODE):
        return _render(briefing, fmt)


def _render(briefing: Briefing, fmt: str) -> bytes:
    content = shown(briefing)
    if fmt == "docx":
        from yuqing.briefings.render_docx import report_docx

        return report_docx(content)
    if fmt == "pdf":
        from yuqing.briefings.render_pdf import report_pdf

        return report_pdf(content)
    from yuqing.briefings.render_html import report_html

    return report_html(content).encode("utf-8")


def filename(briefing: Briefing, fmt: str) -> str:
    stamp = briefing.period_start.strftime("%Y%m%d") if briefing.period_start else "report"
    return f"briefing-{briefing.kind}-{stamp}-{briefing.pk}.{fmt}"
