from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status

from yuqing.sources import actions
from yuqing.sources.access import can_manage_kind
from yuqing.sources.models import Source

router = Router(tags=["sources"])


class SourceIn(Schema):
    name: str = ""
    kind: str
    url: str
    schedule_minutes: int = 30


class SourcePatch(Schema):
    name: str | None = None
    url: str | None = None
    schedule_minutes: int | None = None
    enabled: bool | None = None


class SourceOut(Schema):
    id: int
    name: str
    kind: str
    url: str
    site: str
    schedule_minutes: int
    enabled: bool
    health: str
    last_run_at: datetime | None
    last_success_at: datetime | None
    last_error_at: datetime | None
    last_error: str
    consecutive_failures: int
    items_seen: int

    @staticmethod
    def resolve_url(obj: Source, context) -> str:
        """A file source's path on the server is shown only to those who manage file sources."""
        if obj.is_server_file and not can_manage_kind(context["request"].user, Source.Kind.FILE):
            return obj.name
        return obj.url


@router.get("", response=list[SourceOut])
def list_sources(request):
    return Source.objects.all()


@router.post("", response={201: SourceOut})
def create_source(request, payload: SourceIn):
    return Status(201, actions.create_source(request.user, **payload.dict()))


@router.get("/{source_id}", response=SourceOut)
def get_source(request, source_id: int):
    return get_object_or_404(Source, pk=source_id)


@router.patch("/{source_id}", response=SourceOut)
def update_source(request, source_id: int, payload: SourcePatch):
    source = get_object_or_404(Source, pk=source_id)
    return actions.update_source(request.user, source, **payload.dict(exclude_unset=True))


@router.delete("/{source_id}", response={204: None})
def delete_source(request, source_id: int):
    actions.delete_source(request.user, get_object_or_404(Source, pk=source_id))
    return Status(204, None)
