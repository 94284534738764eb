"""The overview's card of the latest stored documents."""

from __future__ import annotations

from django.http import HttpRequest

from yuqing.documents.models import Document


def latest(request: HttpRequest) -> dict:
    return {"latest": Document.objects.select_related("source")[:5]}
