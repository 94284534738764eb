"""What each kind of alert rule does with a scheme's new matches.

Each handler adds its reason to the scheme's one alert for the story (see alerting).

    every        each new match; posts of one event share one alert
    negative     the same, only posts that count as negative (documents.negative: by default
                 negative emotion or a risk post; YUQING_NEGATIVE_MEANS)
    risk         the same, only risk posts (the risk stage's label: 负面舆情 as an office means it)
    spike        the scheme's volume in the current bucket stands out from its own baseline; the
                 reason goes to the story with most posts in the bucket
    spread       an event's matches reached `min_sites` different sites
    event_place  an event with at least `min_posts` posts, first seen in the last day, touching a
                 watched place (the rule's places, else the scheme's place words), and told by
                 enough authors to be shown as an event (documents.event_rank)
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Callable

from django.utils import translation
from django.conf import settings
from django.utils.translation import gettext as _

from yuqing.documents.event_rank import is_shown
from yuqing.documents.models import Document
from yuqing.documents.negative import is_negative
from yuqing.monitoring.alerting import group_key, raise_or_grow
from yuqing.monitoring.models import Alert, AlertReason, AlertRule, SchemeMatch
from yuqing.monitoring.simple import words

NEW_EVENT_AGE = timedelta(hours=24)
EVENT_DOCS_LIMIT = 500


def _groups(docs: list[Document]) -> dict[str, list[Document]]:
    groups: dict[str, list[Document]] = {}
    for doc in docs:
        groups.setdefault(group_key(doc), []).append(doc)
    return groups


def every(rule: AlertRule, docs: list[Document], now: datetime) -> list[Alert]:
    return [a for key, group in _groups(docs).items() if (a := raise_or_grow(rule, key, group, now))]


def negative(rule: AlertRule, docs: list[Document], now: datetime) -> list[Alert]:
    return every(rule, [doc for doc in docs if is_negative(doc)], now)


def risk(rule: AlertRule, docs: list[Document], now: datetime) -> list[Alert]:
    return every(rule, [doc for doc in docs if doc.risk == 1], now)


def _bucket_docs(rule: AlertRule, start: datetime, now: datetime) -> list[Document]:
    ids = SchemeMatch.objects.filter(scheme_id=rule.scheme_id, published_at__gte=start, published_at__lte=now).values("document_id")
    return list(Document.objects.filter(pk__in=ids).order_by("-published_at")[:EVENT_DOCS_LIMIT])


def spike(rule: AlertRule, docs: list[Document], now: datetime) -> list[Alert]:
    """A spike is a reason on the alert of the story that makes most of it (an event, most often);
    when no story holds two of the bucket's posts, the spike is an alert of its own."""
    from yuqing.monitoring.spikes import pool

    found = pool().observe(rule, docs, now)
    if found is None:
        return []
    seconds = rule.bucket_minutes * 60
    bucket = int(now.timestamp() // seconds)
    in_bucket = _bucket_docs(rule, datetime.fromtimestamp(bucket * seconds, tz=now.tzinfo), now)
    key, group = max(_groups(in_bucket).items(), key=lambda item: len(item[1]), default=("", []))
    evidence = {"score": found.score, "count": found.count, "baseline": found.baseline,
                "window_counts": list(found.window_counts), "bucket_minutes": rule.bucket_minutes}
    title = ""
    if len(group) < 2:
        key, group, title = f"spike:{bucket}", in_bucket, _spike_title(rule, found)
    alert = raise_or_grow(rule, key, group, now, title=title, evidence=evidence)
    return [alert] if alert else []


def _spike_title(rule: AlertRule, found) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Volume spike: %(count)d posts in %(minutes)d minutes (usually %(baseline).1f)") % {
            "count": found.count, "minutes": rule.bucket_minutes, "baseline": found.baseline}


def _event_docs(rule: AlertRule, event_id: str) -> list[Document]:
    """The scheme's matches in one event (newest first, bounded)."""
    ids = SchemeMatch.objects.filter(scheme_id=rule.scheme_id, document__event_id=event_id).values("document_id")
    return list(Document.objects.filter(pk__in=ids).order_by("-published_at")[:EVENT_DOCS_LIMIT])


def spread(rule: AlertRule, docs: list[Document], now: datetime) -> list[Alert]:
    alerts = []
    for event_id in {doc.event_id for doc in docs if doc.event_id}:
        group = _event_docs(rule, event_id)
        if len({doc.site for doc in group if doc.site}) >= rule.min_sites:
            if alert := raise_or_grow(rule, f"event:{event_id}", group, now):
                alerts.append(alert)
    return alerts


def _watched(rule: AlertRule):
    """A rule-language tree of the watched places, or None to accept any place."""
    from yuqing.analysis.query import parse

    places = words(rule.places) or words(rule.scheme.place_words)
    return parse(" OR ".join(f'place:"{p}"' for p in places)) if places else None


def _event_is_new(event_id: str, group: list[Document], now: datetime) -> bool:
    from yuqing.documents.models import Event

    event = Event.objects.filter(key=event_id).only("first_seen", "size").first()
    first_seen = event.first_seen if event else min(doc.published_at for doc in group)
    return first_seen >= now - NEW_EVENT_AGE


def _event_size(event_id: str) -> int:
    from yuqing.documents.models import Event

    event = Event.objects.filter(key=event_id).only("size").first()
    return event.size if event else Document.objects.filter(event_id=event_id).count()


def event_place(rule: AlertRule, docs: list[Document], now: datetime) -> list[Alert]:
    from yuqing.analysis.query import matches
    from yuqing.documents.postview import post_for_matching

    watched, alerts = _watched(rule), []
    for event_id in {doc.event_id for doc in docs if doc.event_id}:
        group, key = _event_docs(rule, event_id), f"event:{event_id}"
        if not AlertReason.objects.filter(alert__scheme_id=rule.scheme_id, alert__group_key=key, kind=rule.kind).exists():
            in_place = [doc for doc in group if doc.places and (watched is None or matches(watched, post_for_matching(doc)))]
            if not (in_place and _event_size(event_id) >= rule.min_posts and _event_is_new(event_id, group, now)
                    and is_shown(event_id)):  # one account's posts are no event (documents.event_rank)
                continue
        if alert := raise_or_grow(rule, key, group, now):
            alerts.append(alert)
    return alerts


HANDLERS: dict[str, Callable[[AlertRule, list[Document], datetime], list[Alert]]] = {
    AlertRule.Kind.EVERY: every, AlertRule.Kind.NEGATIVE: negative, AlertRule.Kind.RISK: risk, AlertRule.Kind.SPIKE: spike,
    AlertRule.Kind.SPREAD: spread, AlertRule.Kind.EVENT_PLACE: event_place,
}
