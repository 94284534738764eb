"""REST endpoints for schemes (with the live preview), alerts and the duty roster."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status

from yuqing.accounts.people import person_name
from yuqing.monitoring import access, duty, handling, schemes
from yuqing.monitoring.models import Alert, AlertReason, AlertStep, Scheme, Shift

router = Router(tags=["monitoring"])


class RuleIO(Schema):
    kind: str
    severity: str = "medium"
    digest: str = ""
    escalate_minutes: int = 15
    sensitivity: float = 3.0
    min_count: int = 5
    bucket_minutes: int = 10
    cooldown_minutes: int = 60
    warmup_buckets: int = 6
    min_sites: int = 3
    places: str = ""
    min_posts: int = 3


class SchemeIn(Schema):
    name: str
    mode: str = "simple"
    place_words: str = ""
    subject_words: str = ""
    exclude_words: str = ""
    expression: str = ""
    group: str = ""
    active: bool = True
    rules: list[RuleIO] = []


class SchemeOut(Schema):
    id: int
    name: str
    group: str
    mode: str
    place_words: str
    subject_words: str
    exclude_words: str
    expression: str
    active: bool
    version: int
    owner: str
    owner_id: int | None
    updated_at: datetime
    rules: list[RuleIO]

    @staticmethod
    def resolve_group(scheme: Scheme) -> str:
        return scheme.group.name if scheme.group else ""

    @staticmethod
    def resolve_owner(scheme: Scheme) -> str:
        return person_name(scheme.owner)

    @staticmethod
    def resolve_rules(scheme: Scheme) -> list:
        return list(scheme.rules.all())


class PreviewIn(Schema):
    mode: str = "simple"
    place_words: str = ""
    subject_words: str = ""
    exclude_words: str = ""
    expression: str = ""


class PreviewDoc(Schema):
    id: int
    title: str
    site: str
    published_at: datetime


class PreviewOut(Schema):
    expression: str
    total: int
    sample: list[PreviewDoc]
    error: str
    error_zh: str
    position: int | None


class VersionOut(Schema):
    number: int
    created_at: datetime
    snapshot: dict


class StepOut(Schema):
    at: datetime
    action: str
    actor: str | None
    actor_id: int | None
    recipients: list[str]
    note: str

    @staticmethod
    def resolve_actor(step: AlertStep) -> str | None:
        return person_name(step.actor) or None


class ReasonOut(Schema):
    kind: str
    severity: str
    at: datetime
    evidence: dict


class AlertOut(Schema):
    id: int
    scheme_id: int
    kinds: list[str]
    reasons: list[ReasonOut]
    group_key: str
    severity: str
    title: str
    document_count: int
    sites: list[str]
    evidence: dict
    status: str
    created_at: datetime
    updated_at: datetime
    assignee: str | None
    assignee_id: int | None
    escalation_level: int
    next_escalation_at: datetime | None
    acknowledged_at: datetime | None
    incident_url: str
    document_ids: list[int]

    @staticmethod
    def resolve_assignee(alert: Alert) -> str | None:
        return person_name(alert.assignee) or None

    @staticmethod
    def resolve_reasons(alert: Alert) -> list[AlertReason]:
        return list(alert.reasons.all())

    @staticmethod
    def resolve_document_ids(alert: Alert) -> list[int]:
        return list(alert.documents.order_by("-published_at").values_list("pk", flat=True)[:200])


class AckIn(Schema):
    note: str = ""


class ShiftIn(Schema):
    """A person by id (as `officer_id` in a shift read back) or by login."""

    starts_at: datetime
    ends_at: datetime
    officer: int | str
    backup: int | str | None = None
    leader: int | str | None = None


class ShiftOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    officer: str
    officer_id: int
    backup: str | None
    backup_id: int | None
    leader: str | None
    leader_id: int | None

    @staticmethod
    def resolve_officer(shift: Shift) -> str:
        return person_name(shift.officer)

    @staticmethod
    def resolve_backup(shift: Shift) -> str | None:
        return person_name(shift.backup) or None

    @staticmethod
    def resolve_leader(shift: Shift) -> str | None:
        return person_name(shift.leader) or None


class GapOut(Schema):
    starts_at: datetime
    ends_at: datetime


class NoteIn(Schema):
    text: str


def _spec(payload: SchemeIn) -> schemes.SchemeSpec:
    data = payload.dict(exclude={"rules"})
    return schemes.SchemeSpec(**data, rules=[schemes.RuleSpec(**rule.dict()) for rule in payload.rules])


@router.get("/schemes", response=list[SchemeOut])
def list_schemes(request, active: bool | None = None):
    found = Scheme.objects.select_related("group", "owner").prefetch_related("rules")
    return found if active is None else found.filter(active=active)


@router.post("/schemes", response={201: SchemeOut})
def create_scheme(request, payload: SchemeIn):
    return Status(201, schemes.save_scheme(request.user, None, _spec(payload)))


@router.get("/schemes/{scheme_id}", response=SchemeOut)
def get_scheme(request, scheme_id: int):
    return get_object_or_404(Scheme, pk=scheme_id)


@router.put("/schemes/{scheme_id}", response=SchemeOut, summary="Replace a scheme (a new version)")
def update_scheme(request, scheme_id: int, payload: SchemeIn):
    return schemes.save_scheme(request.user, get_object_or_404(Scheme, pk=scheme_id), _spec(payload))


@router.get("/schemes/{scheme_id}/versions", response=list[VersionOut])
def scheme_versions(request, scheme_id: int):
    return get_object_or_404(Scheme, pk=scheme_id).versions.all()


@router.post("/preview", response=PreviewOut, summary="What a scheme would match among stored documents")
def preview(request, payload: PreviewIn):
    result = schemes.preview(schemes.SchemeSpec(name="", **payload.dict()))
    return {"expression": result.expression, "total": result.total, "error": result.error, "error_zh": result.error_zh,
            "position": result.position,
            "sample": [{"id": d.pk, "title": d.display_title, "site": d.site, "published_at": d.published_at} for d in result.sample]}


@router.get("/alerts", response=list[AlertOut])
def list_alerts(request, status: str = "", severity: str = "", kind: str = "", scheme: int | None = None,
                mine: bool = False, limit: int = 50, offset: int = 0):
    chosen = {"status": status, "severity": severity, "kind": kind, "scheme": str(scheme or "")}
    alerts = access.filter_alerts(access.visible_alerts(request.user), chosen, request.user if mine else None)
    alerts = alerts.select_related("assignee").prefetch_related("reasons")
    return alerts[max(offset, 0) : max(offset, 0) + min(max(limit, 0), 200)]


@router.get("/alerts/counts", response=dict[str, int], summary="Alerts by status: the counts every page shows")
def alert_counts(request):
    return access.alert_counts(request.user)


def _alert(request, alert_id: int) -> Alert:
    return get_object_or_404(access.visible_alerts(request.user), pk=alert_id)


@router.get("/alerts/{alert_id}", response=AlertOut)
def get_alert(request, alert_id: int):
    return _alert(request, alert_id)


@router.get("/alerts/{alert_id}/steps", response=list[StepOut], summary="The alert's log")
def alert_steps(request, alert_id: int):
    return _alert(request, alert_id).steps.select_related("actor")


@router.post("/alerts/{alert_id}/acknowledge", response=AlertOut)
def acknowledge(request, alert_id: int, payload: AckIn):
    return handling.acknowledge(request.user, _alert(request, alert_id), note=payload.note)


@router.post("/alerts/{alert_id}/escalate", response=AlertOut)
def escalate(request, alert_id: int):
    return handling.escalate(request.user, _alert(request, alert_id))


@router.post("/alerts/{alert_id}/take", response=AlertOut, summary="Take the alert up (opens an incident when that app is installed)")
def take(request, alert_id: int):
    return handling.take(request.user, _alert(request, alert_id))


def _user(person: int | str | None):
    """The user an id or a login names; None for nobody."""
    if person is None or person == "":
        return None
    return get_object_or_404(get_user_model(), **({"pk": person} if isinstance(person, int) else {"username": person}))


@router.get("/duty/shifts", response=list[ShiftOut])
def list_shifts(request, since: datetime, until: datetime):
    return Shift.objects.filter(ends_at__gt=since, starts_at__lt=until).select_related("officer", "backup", "leader")


@router.get("/duty/gaps", response=list[GapOut], summary="Stretches no shift covers")
def list_gaps(request, since: datetime, until: datetime):
    return duty.gaps(since, until)


@router.get("/duty/now", response={200: ShiftOut, 204: None})
def on_duty_now(request):
    from django.utils import timezone

    shift = duty.shift_at(timezone.now())
    return shift if shift else Status(204, None)


@router.post("/duty/shifts", response={201: ShiftOut})
def create_shift(request, payload: ShiftIn):
    return Status(201, duty.create_shift(request.user, starts_at=payload.starts_at, ends_at=payload.ends_at,
                                         officer=_user(payload.officer), backup=_user(payload.backup), leader=_user(payload.leader)))


@router.delete("/duty/shifts/{shift_id}", response={204: None})
def delete_shift(request, shift_id: int):
    duty.delete_shift(request.user, get_object_or_404(Shift, pk=shift_id))
    return Status(204, None)


@router.post("/duty/shifts/{shift_id}/handover", response={201: dict})
def handover(request, shift_id: int, payload: NoteIn):
    note = duty.add_handover_note(request.user, get_object_or_404(Shift, pk=shift_id), text=payload.text)
    return Status(201, {"id": note.pk, "text": note.text, "created_at": note.created_at.isoformat()})
