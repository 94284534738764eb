"""Raising an alert, growing it as its story grows, and telling the right people.

One alert per (scheme, group): a group is an event ("event:<id>"), a single post with no event
("doc:<pk>"), or a spike that no event explains ("spike:<bucket>"). Every rule of the scheme
that fires on the same group adds its reason to that one alert (matched, negative, spike,
spread, new event in a watched place) and may raise its severity; new posts of the group join
it. People are told when it is raised, and again only when its severity rises or it has doubled
since they were last told, so a growing story is followed without a flood.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from yuqing.accounts.people import person_name
from yuqing.documents.models import Document
from yuqing.documents.negative import common_reasons, joined
from yuqing.monitoring import duty
from yuqing.monitoring.models import REASON_LABELS, Alert, AlertDocument, AlertReason, AlertRule, AlertStep
from yuqing.notifications import service
from yuqing.notifications.models import severity_rank

GROWTH_FACTOR = 2


def group_key(doc: Document) -> str:
    return f"event:{doc.event_id}" if doc.event_id else f"doc:{doc.pk}"


def subject(alert: Alert) -> str:
    """The inbox key of an alert's messages: a newer one replaces the unread older one."""
    return f"monitoring.alert:{alert.pk}"


def headline(docs: list[Document], key: str) -> str:
    if key.startswith("event:"):
        from yuqing.documents.models import Event

        event = Event.objects.filter(key=key[6:]).only("title").first()
        if event and event.title:
            return event.title[:300]
    return docs[0].display_title[:300] if docs else key


def raise_or_grow(rule: AlertRule, key: str, docs: list[Document], now: datetime, title: str = "",
                  evidence: dict | None = None) -> Alert | None:
    """The scheme's alert of `key` with `docs` joined and `rule` among its reasons; None when nothing changed."""
    alert = Alert.objects.select_for_update().filter(scheme_id=rule.scheme_id, group_key=key).first()
    if alert is None:
        if raised := _raise(rule, key, docs, now, title, evidence):
            return raised
        # Another process raised the story's alert since we looked: ours joins it.
        alert = Alert.objects.select_for_update().get(scheme_id=rule.scheme_id, group_key=key)
    fresh, reason = attach(alert, docs), add_reason(alert, rule, now, evidence)
    if not fresh and reason is None:
        return None
    _grew(alert, now, rule, reason)
    return alert


def follow(scheme_id: int, key: str, docs: list[Document], now: datetime) -> Alert | None:
    """New posts of a group that already has an alert join it, whichever rule fired; None when nothing new."""
    alert = Alert.objects.select_for_update().filter(scheme_id=scheme_id, group_key=key).first()
    if alert is None or not attach(alert, docs):
        return None
    _grew(alert, now)
    return alert


def _raise(rule: AlertRule, key: str, docs: list[Document], now: datetime, title: str, evidence: dict | None) -> Alert | None:
    """The new alert of `key`, or None when another process has raised it meanwhile (the unique
    (scheme, group) decides; PostgreSQL waits for that process's transaction first)."""
    try:
        with transaction.atomic():  # a savepoint, as get_or_create: a lost race must not spoil the transaction
            alert = Alert.objects.create(
                scheme_id=rule.scheme_id, group_key=key, severity=rule.severity, title=(title or headline(docs, key))[:300],
                created_at=now, updated_at=now, digest_pending=bool(rule.digest))
    except IntegrityError:
        if not Alert.objects.filter(scheme_id=rule.scheme_id, group_key=key).exists():
            raise  # not that race: something else is wrong
        return None
    attach(alert, docs)
    add_reason(alert, rule, now, evidence)
    log(alert, AlertStep.Action.RAISED, now, note=_summary(alert, rule.kind))
    if not rule.digest:
        tell(alert, duty.LEVEL_OFFICER, now)
    return alert


def _grew(alert: Alert, now: datetime, rule: AlertRule | None = None, reason: str | None = None) -> None:
    rose = rule is not None and severity_rank(rule.severity) > severity_rank(alert.severity)
    alert.severity = rule.severity if rose else alert.severity
    alert.updated_at = now
    alert.save(update_fields=["updated_at", "severity"])
    log(alert, AlertStep.Action.GREW, now, note=_summary(alert, rule.kind if reason else ""))
    if not immediate(alert):
        Alert.objects.filter(pk=alert.pk).update(digest_pending=True)
    elif alert.notified_count == 0:  # held for a digest until a rule that tells at once fired
        Alert.objects.filter(pk=alert.pk).update(digest_pending=False)
        tell(alert, duty.LEVEL_OFFICER, now)
    elif rose or alert.document_count >= GROWTH_FACTOR * max(alert.notified_count, 1):
        retell(alert, now, rose=rose)


def add_reason(alert: Alert, rule: AlertRule, now: datetime, evidence: dict | None = None) -> str | None:
    """Record that `rule` fired on the alert: "new" (a new reason), "again" (new evidence), or None."""
    reason, created = AlertReason.objects.get_or_create(
        alert=alert, kind=rule.kind, defaults={"rule": rule, "severity": rule.severity, "at": now, "evidence": evidence or {}})
    if created:
        return "new"
    if evidence:
        reason.evidence, reason.at, reason.rule = evidence, now, rule
        reason.save(update_fields=["evidence", "at", "rule"])
        return "again"
    return None


def immediate(alert: Alert) -> bool:
    """Whether any of the alert's reasons comes from a rule that tells people at once (not in a digest)."""
    return alert.reasons.filter(rule__isnull=False, rule__digest="").exists()


def escalate_minutes(alert: Alert) -> int:
    """The shortest escalation delay among the alert's rules that tell at once (0: never escalate)."""
    found = alert.reasons.filter(rule__digest="", rule__escalate_minutes__gt=0).values_list("rule__escalate_minutes", flat=True)
    return min(found, default=0)


def attach(alert: Alert, docs: Iterable[Document]) -> int:
    """Join documents to the alert; returns how many were new to it."""
    docs = {doc.pk: doc for doc in docs}
    known = set(AlertDocument.objects.filter(alert=alert, document_id__in=list(docs)).values_list("document_id", flat=True))
    fresh = [doc for pk, doc in docs.items() if pk not in known]
    AlertDocument.objects.bulk_create([AlertDocument(alert=alert, document=doc) for doc in fresh])
    if fresh:
        alert.document_count += len(fresh)
        alert.sites = sorted(set(alert.sites) | {doc.site for doc in fresh if doc.site})
        Alert.objects.filter(pk=alert.pk).update(document_count=alert.document_count, sites=alert.sites)
    return len(fresh)


def log(alert: Alert, action: str, now: datetime, actor=None, recipients: Iterable = (), note: str = "") -> AlertStep:
    names = [person_name(user) for user in recipients]
    return AlertStep.objects.create(alert=alert, at=now, action=action, actor=actor, recipients=names, note=note)


def tell(alert: Alert, level: int, now: datetime, actor=None, escalating: bool = False) -> list:
    """Notify escalation `level` (falling through empty levels) and set when to escalate next."""
    people, note = _recipients(alert, level, now)
    while not people and level < duty.LEVEL_LEAD:
        level += 1
        people, note = _recipients(alert, level, now)
    if not people and alert.scheme.owner_id and alert.scheme.owner.is_active:
        people, note = [alert.scheme.owner], _("nobody on duty or in line: told the scheme's owner")
    service.notify(people, *message(alert), kind="alert", severity=alert.severity, subject=subject(alert))
    log(alert, AlertStep.Action.ESCALATED if escalating else AlertStep.Action.NOTIFIED, now, actor=actor,
        recipients=people, note=note)
    minutes = escalate_minutes(alert)
    alert.assignee = people[0] if people else None
    alert.escalation_level, alert.notified_count = level, alert.document_count
    waiting = alert.status == Alert.Status.NEW and minutes and level < duty.LEVEL_LEAD
    alert.next_escalation_at = now + timedelta(minutes=minutes) if waiting else None
    alert.save(update_fields=["assignee", "escalation_level", "notified_count", "next_escalation_at"])
    return people


def retell(alert: Alert, now: datetime, rose: bool = False) -> None:
    """Tell whoever holds the alert now (the acknowledger once acknowledged) that it grew or became graver."""
    holder = alert.acknowledged_by or alert.assignee
    people = [holder] if holder else duty.responders(duty.LEVEL_OFFICER, now)
    title, body, link = message(alert)
    with translation.override(settings.LANGUAGE_CODE):
        if rose:
            title = _("Severity rose to %(severity)s: %(title)s") % {"severity": alert.get_severity_display(), "title": title}
        else:
            title = _("Growing: %(title)s") % {"title": title}
    service.notify(people, title, body, link, kind="alert", severity=alert.severity, subject=subject(alert))
    log(alert, AlertStep.Action.NOTIFIED, now, recipients=people, note=_summary(alert))
    alert.notified_count = alert.document_count
    Alert.objects.filter(pk=alert.pk).update(notified_count=alert.document_count)


def _recipients(alert: Alert, level: int, now: datetime) -> tuple[list, str]:
    people = [user for user in duty.responders(level, now) if user.is_active]
    labels = {duty.LEVEL_OFFICER: _("officer on duty"), duty.LEVEL_NEXT: _("next in line"), duty.LEVEL_LEAD: _("leader")}
    return people, labels[level]


def _summary(alert: Alert, reason: str = "") -> str:
    text = _("%(posts)d posts on %(sites)d sites") % {"posts": alert.document_count, "sites": len(alert.sites)}
    return f"{text} · {REASON_LABELS[reason]}" if reason else text


def why_negative(alert: Alert) -> list[str]:
    """The terms that made the alert's newest posts negative (documents.negative.common_reasons)."""
    return common_reasons(alert.documents.order_by("-published_at", "-id")[:20])


def message(alert: Alert) -> tuple[str, str, str]:
    """(title, body, link) in the office's language (deliveries leave the request's language behind)."""
    with translation.override(settings.LANGUAGE_CODE):
        title = f"[{alert.scheme.name}] {alert.title}"
        body = f"{alert.reasons_display} · {_summary(alert)}"
        why = why_negative(alert)
        if why:
            body += "\n" + _("Why negative: %(terms)s") % {"terms": joined(why)}
        latest = alert.documents.order_by("-published_at", "-id").first()
        if latest is not None:
            body += "\n" + (latest.title + " " if latest.title else "") + latest.text[:200]
    return title, body, reverse("monitoring:alert", args=[alert.pk])
