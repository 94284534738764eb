"""Per-rule volume baselines for spike alerts, with the bursts stage's detector.

A rule's series counts the scheme's matches by publication time (clamped to now). It is kept
in memory and rebuilt from the recorded matches when first needed or when the rule changes,
so a restart loses nothing. The warm-up counts from `Scheme.baseline_since` (when the scheme's
rule last changed): a new or edited scheme raises no spike until it has a baseline.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from yuqing.analysis.bursts import BurstDetector, Spike
from yuqing.documents.models import Document
from yuqing.monitoring.models import AlertReason, AlertRule, SchemeMatch

WINDOW = timedelta(hours=24)


def _signature(rule: AlertRule) -> tuple:
    return (rule.bucket_minutes, rule.sensitivity, rule.min_count, rule.cooldown_minutes, rule.warmup_buckets,
            rule.scheme.baseline_since)


class SpikePool:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._detectors: dict[int, tuple[tuple, BurstDetector]] = {}

    def observe(self, rule: AlertRule, docs: list[Document], now: datetime) -> Spike | None:
        """Count this batch's matches and judge the bucket holding `now`."""
        with self._lock:
            detector = self._detector(rule, [doc.pk for doc in docs], now)
            for doc in docs:
                detector.add(rule.scheme_id, min(doc.published_at, now))
            return detector.check(rule.scheme_id, now)

    def _detector(self, rule: AlertRule, batch_ids: list[int], now: datetime) -> BurstDetector:
        signature = _signature(rule)
        held = self._detectors.get(rule.pk)
        if held is None or held[0] != signature:
            held = (signature, self._hydrate(rule, batch_ids, now))
            self._detectors[rule.pk] = held
        return held[1]

    def _hydrate(self, rule: AlertRule, batch_ids: list[int], now: datetime) -> BurstDetector:
        detector = BurstDetector(window=WINDOW, bucket=timedelta(minutes=rule.bucket_minutes),
                                 sensitivity=rule.sensitivity, min_count=rule.min_count,
                                 cooldown=timedelta(minutes=rule.cooldown_minutes), warmup_buckets=rule.warmup_buckets)
        key, start = rule.scheme_id, max(rule.scheme.baseline_since, now - WINDOW)
        detector.add(key, start, 0)  # the series (and its warm-up) begins when the scheme began watching
        history = (SchemeMatch.objects.filter(scheme_id=key, published_at__gte=start, published_at__lte=now, backfilled=False)
                   .exclude(document_id__in=batch_ids).values_list("published_at", flat=True))
        for published_at in history:
            detector.add(key, published_at)
        last = AlertReason.objects.filter(rule=rule).order_by("-at").values_list("at", flat=True).first()
        if last is not None:
            detector.series[key].last_alert = last.timestamp()  # the cool-down survives a restart
        return detector

    def forget(self) -> None:
        with self._lock:
            self._detectors.clear()


_pool: SpikePool | None = None
_pool_lock = threading.Lock()


def pool() -> SpikePool:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = SpikePool()
        return _pool
