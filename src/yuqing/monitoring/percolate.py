"""New documents in, alerts out: the `documents.analyzed` handler.

Runs right after the pipeline's transaction commits, in the same thread, so a post reaches the
notifier within the same pass that analysed it (no polling tick in between). Matches are
recorded once per (scheme, document): a document analysed again never alerts twice.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from yuqing.documents.models import Document
from yuqing.monitoring.matching import matcher
from yuqing.monitoring.models import Alert, Scheme, SchemeMatch
from yuqing.monitoring.rules import HANDLERS

log = logging.getLogger("yuqing.monitoring")


def on_analyzed(documents: list[Document], **_: object) -> None:
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
            for rule in scheme.rules.all():
                rule.scheme = scheme
                alerts += _apply(rule, fresh[scheme.pk], now)
    return alerts


def _apply(rule, docs: list[Document], now: datetime) -> list[Alert]:
    try:
        with transaction.atomic():  # a savepoint: one broken rule must not lose the others' alerts
            return HANDLERS[rule.kind](rule, docs, now)
    except Exception:
        log.exception("alert rule %s (%s) of scheme %s failed", rule.pk, rule.kind, rule.scheme_id)
        return []


def record(found: dict[int, list[Document]], now: datetime) -> dict[int, list[Document]]:
    """Store new (scheme, document) matches; returns, per scheme, only the documents new to it."""
    doc_ids = {doc.pk for docs in found.values() for doc in docs}
    known = set(SchemeMatch.objects.filter(scheme_id__in=list(found), document_id__in=list(doc_ids))
                .values_list("scheme_id", "document_id"))
    fresh = {sid: [d for d in docs if (sid, d.pk) not in known] for sid, docs in found.items()}
    fresh = {sid: docs for sid, docs in fresh.items() if docs}
    SchemeMatch.objects.bulk_create([SchemeMatch(scheme_id=sid, document=doc, published_at=doc.published_at, matched_at=now)
                                     for sid, docs in fresh.items() for doc in docs])
    return fresh
