"""Collection as task rows: the scheduler queues each due web source once; any collect worker runs it.

A source's task is keyed by the source and its due time, so the scheduler queuing it again on
every turn until it has run writes nothing new, and it runs once however many workers poll. A
worker killed during a collection leaves the task to be claimed again; what was stored stays
stored (the dedup key makes a second fetch of the same items harmless).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from yuqing.sources.models import WEB_KINDS, Source
from yuqing.text.urls import host_of
from yuqing.work import leases
from yuqing.work.queue import enqueue
from yuqing.work.runner import Busy

KIND = "collect"


def enqueue_due(now=None) -> int:
    """Queue a collection for every enabled web source whose next run is due; returns how many are due."""
    now = now or timezone.now()
    web = Source.objects.filter(enabled=True, kind__in=WEB_KINDS)
    due = (web.filter(next_run_at__lte=now) | web.filter(next_run_at__isnull=True)).order_by("next_run_at", "id")
    count = 0
    with transaction.atomic():
        for pk, next_run_at in due.values_list("pk", "next_run_at"):
            stamp = next_run_at.isoformat() if next_run_at else "first"
            enqueue(KIND, {"source": pk}, key=f"collect:{pk}:{stamp}")
            count += 1
    return count


def request_collection(source: Source) -> None:
    """Someone pressed "collect now": queue it (a web request never fetches)."""
    enqueue(KIND, {"source": source.pk}, key=f"collect:{source.pk}:now:{secrets.token_hex(4)}")


def collect(payload: dict[str, Any]) -> None:
    """Run the source, one collection per host at a time across every worker on every machine (the
    lease `host:<name>`): two sources on one site wait for each other instead of fetching at once."""
    from yuqing.sources.collecting import collect_source

    source = Source.objects.filter(pk=payload["source"]).first()
    if source is None:  # deleted since it was queued
        return
    host = host_of(source.url) if source.kind in WEB_KINDS else ""
    if host and leases.acquire(f"host:{host}") is None:
        raise Busy(f"another worker is collecting from {host}")
    try:
        collect_source(source)
    finally:
        if host:
            leases.release(f"host:{host}")
