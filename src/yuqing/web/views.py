from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from yuqing.documents.models import Document
from yuqing.sources.models import QuarantinedRecord, Source


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: counts and source health here; the charts read briefings:dashboard_data (JSON)."""
    context = {
        "document_count": Document.objects.count(),
        "today_count": Document.objects.filter(collected_at__gte=timezone.now() - timedelta(days=1)).count(),
        "source_count": Source.objects.count(),
        "failing_sources": list(Source.objects.filter(enabled=True, consecutive_failures__gt=0)[:20]),
        "quarantine_count": QuarantinedRecord.objects.filter(resolved=False).count(),
        "latest": Document.objects.select_related("source")[:5],
    }
    return render(request, "web/home.html", context)


@login_required
def rules_help(request: HttpRequest) -> HttpResponse:
    return render(request, "web/rules_help.html")


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True, "documents": Document.objects.count()})
