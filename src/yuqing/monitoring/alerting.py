"""Raising an alert, growing it as its event grows, and telling the right people.

One alert per (rule, group): a group is an event ("event:<id>"), a single post with no event
("doc:<pk>"), or a spike bucket. New posts of the same group join the alert instead of raising
another; people are told again only when the alert has doubled since they were last told, so
a growing event is followed without a flood.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from yuqing.documents.models import Document  # noqa: F401  (type hints)
from yuqing.monitoring import duty
from yuqing.monitoring.models import Alert, AlertDocument, AlertRule, AlertStep
from yuqing.notifications import service

GROWTH_FACTOR = 2


def group_key(doc: Document) -> str:
    return f"event:{doc.event_id}" if doc.event_id else f"doc:{doc.pk}"


def headline(docs: list[Document], key: str) -> str:
    if key.startswith("event:"):
        from yuqing.documents.models import Event

        event = Event.objects.filter(key=key[6:]).only("title").first()
        if event and event.title:
            return event.title[:300]
    return docs[0].display_title[:300] if docs else key


def raise_or_grow(rule: AlertRule, key: str, docs: list[Document], now: datetime, title: str = "",
                  evidence: dict | None = None) -> Alert | None:
    """The alert of (rule, key) with `docs` joined; None when nothing new was added."""
    alert = Alert.objects.select_for_update().filter(rule=rule, group_key=key).first()
    if alert is None:
        alert = Alert.objects.create(
            scheme_id=rule.scheme_id, rule=rule, kind=rule.kind, group_key=key, severity=rule.severity,
            title=(title or headline(docs, key))[:300], evidence=evidence or {}, created_at=now, updated_at=now,
            digest_pending=bool(rule.digest))
        attach(alert, docs)
        log(alert, AlertStep.Action.RAISED, now, note=_summary(alert))
        if not rule.digest:
            tell(alert, rule, duty.LEVEL_OFFICER, now)
        return alert
    if not attach(alert, docs):
        return None
    alert.updated_at = now
    if evidence:
        alert.evidence = {**alert.evidence, **evidence}
    alert.save(update_fields=["updated_at", "evidence", "document_count", "sites"])
    log(alert, AlertStep.Action.GREW, now, note=_summary(alert))
    if rule.digest:
        Alert.objects.filter(pk=alert.pk).update(digest_pending=True)
    elif alert.document_count >= GROWTH_FACTOR * max(alert.notified_count, 1):
        retell(alert, rule, now)
    return alert


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
    names = [user.get_username() for user in recipients]
    return AlertStep.objects.create(alert=alert, at=now, action=action, actor=actor, recipients=names, note=note)


def tell(alert: Alert, rule: AlertRule | None, level: int, now: datetime, actor=None, escalating: bool = False) -> list:
    """Notify escalation `level` (falling through empty levels) and set when to escalate next."""
    people, note = _recipients(alert, level, now)
    while not people and level < duty.LEVEL_LEAD:
        level += 1
        people, note = _recipients(alert, level, now)
    if not people and alert.scheme.owner_id and alert.scheme.owner.is_active:
        people, note = [alert.scheme.owner], _("nobody on duty or in line: told the scheme's owner")
    service.notify(people, *message(alert), kind="alert", severity=alert.severity)
    action = AlertStep.Action.ESCALATED if escalating else AlertStep.Action.NOTIFIED
    log(alert, action, now, actor=actor, recipients=people, note=note)
    minutes = rule.escalate_minutes if rule else 0
    alert.assignee = people[0] if people else None
    alert.escalation_level, alert.notified_count = level, alert.document_count
    waiting = alert.status == Alert.Status.NEW and minutes and level < duty.LEVEL_LEAD
    alert.next_escalation_at = now + timedelta(minutes=minutes) if waiting else None
    alert.save(update_fields=["assignee", "escalation_level", "notified_count", "next_escalation_at"])
    return people


def retell(alert: Alert, rule: AlertRule, now: datetime) -> None:
    """The alert doubled: tell whoever holds it now (the acknowledger once acknowledged)."""
    holder = alert.acknowledged_by or alert.assignee
    people = [holder] if holder else duty.responders(duty.LEVEL_OFFICER, now)
    title, body, link = message(alert)
    service.notify(people, _("Growing: %(title)s") % {"title": title}, body, link, kind="alert", severity=alert.severity)
    log(alert, AlertStep.Action.NOTIFIED, now, recipients=people, note=_summary(alert))
    alert.notified_count = alert.document_count
    Alert.objects.filter(pk=alert.pk).update(notified_count=alert.document_count)


def _recipients(alert: Alert, level: int, now: datetime) -> tuple[list, str]:
    people = [user for user in duty.responders(level, now) if user.is_active]
    labels = {duty.LEVEL_OFFICER: _("officer on duty"), duty.LEVEL_NEXT: _("next in line"), duty.LEVEL_LEAD: _("leader")}
    return people, labels[level]


def _summary(alert: Alert) -> str:
    return _("%(posts)d posts on %(sites)d sites") % {"posts": alert.document_count, "sites": len(alert.sites)}


def message(alert: Alert) -> tuple[str, str, str]:
    """(title, body, link) in the office's language (deliveries leave the request's language behind)."""
    with translation.override(settings.LANGUAGE_CODE):
        kind = str(AlertRule.Kind(alert.kind).label)
        title = f"[{alert.scheme.name}] {alert.title}"
        body = f"{kind} · {_summary(alert)}"
        latest = alert.documents.order_by("-published_at", "-id").first()
        if latest is not None:
            body += "\n" + (latest.title + " " if latest.title else "") + latest.text[:200]
    return title, body, reverse("monitoring:alert", args=[alert.pk])
