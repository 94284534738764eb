"""New documents in, alerts out: the `documents.analyzed` handler.

Runs right after the pipeline's transaction commits, in the same thread, so a post reaches the
notifier within the same pass that analysed it (no polling tick in between). Matches are
recorded once per (scheme, document): a document analysed again never alerts twice. Each scheme
has at most one alert per story, whatever number of its rules fire (see alerting).
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import connection, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from yuqing import inserts
from yuqing.documents.models import Document
from yuqing.monitoring.alerting import follow, group_key
from yuqing.monitoring.matching import matcher
from yuqing.monitoring.models import Alert, AlertRule, Scheme, SchemeMatch
from yuqing.monitoring.rules import HANDLERS

log = logging.getLogger("yuqing.monitoring")
KIND_ORDER = list(AlertRule.Kind.values)  # an alert's reasons read in this order: matched first


def on_analyzed(documents: list[Document], **_: object) -> None:
    prefetch_related_objects(documents, "source")  # read again from their task: one query, not one a post
    process(documents)


def process(documents: list[Document], now: datetime | None = None) -> list[Alert]:
    """Match `documents` against every active scheme and apply each scheme's alert rules."""
    now = now or timezone.now()
    found = matcher().match(documents)
    if not found:
        return []
    alerts: list[Alert] = []
    with transaction.atomic():
        fresh = record(found, now)
        schemes = Scheme.objects.filter(pk__in=list(fresh)).select_related("owner").prefetch_related("rules")
        for scheme in schemes:
            alerts += _follow(scheme, fresh[scheme.pk], now)
            for rule in sorted(scheme.rules.all(), key=lambda rule: KIND_ORDER.index(rule.kind)):
                rule.scheme = scheme
                alerts += _apply(rule, fresh[scheme.pk], now)
    return list({alert.pk: alert for alert in alerts}.values())


def _follow(scheme: Scheme, docs: list[Document], now: datetime) -> list[Alert]:
    """An alert follows its story: new posts of a group already alerted join it, whichever rule fires."""
    groups: dict[str, list[Document]] = {}
    for doc in docs:
        groups.setdefault(group_key(doc), []).append(doc)
    alerted = set(Alert.objects.filter(scheme=scheme, group_key__in=list(groups)).values_list("group_key", flat=True))
    return [alert for key in alerted if (alert := follow(scheme.pk, key, groups[key], now))]


def _apply(rule, docs: list[Document], now: datetime) -> list[Alert]:
    try:
        with transaction.atomic():  # a savepoint: one broken rule must not lose the others' alerts
            return HANDLERS[rule.kind](rule, docs, now)
    except Exception:
        log.exception("alert rule %s (%s) of scheme %s failed", rule.pk, rule.kind, rule.scheme_id)
        return []


def record(found: dict[int, list[Document]], now: datetime) -> dict[int, list[Document]]:
    """Store new (scheme, document) matches; returns, per scheme, the documents this call matched first.

    A pair stored already, or being stored by another process at this moment (PostgreSQL waits
    for that transaction), is skipped: only the process that stored a pair alerts on it, so two
    processes matching the same document neither fail nor alert twice."""
    adapt = connection.ops.adapt_datetimefield_value
    rows = [(sid, doc.pk, adapt(doc.published_at), adapt(now), False) for sid, docs in found.items() for doc in docs]
    new = set(inserts.insert_new(SchemeMatch._meta.db_table, ["scheme_id", "document_id", "published_at", "matched_at", "backfilled"],
                                 rows, key=["scheme_id", "document_id"], returning=["scheme_id", "document_id"]))
    fresh = {sid: [doc for doc in docs if (sid, doc.pk) in new] for sid, docs in found.items()}
    return {sid: docs for sid, docs in fresh.items() if docs}
