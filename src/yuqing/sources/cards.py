"""The overview's collection card: how much is stored, which sources fail, what waits in quarantine."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from yuqing.documents.models import Document
from yuqing.sources.models import QuarantinedRecord, Source


def status(request: HttpRequest) -> dict:
    return {
        "document_count": Document.objects.count(),
        "today_count": Document.objects.filter(collected_at__gte=timezone.now() - timedelta(days=1)).count(),
        "source_count": Source.objects.count(),
        "failing_sources": list(Source.objects.filter(enabled=True, consecutive_failures__gt=0)[:20]),
        "quarantine_count": QuarantinedRecord.objects.filter(resolved=False).count(),
    }
