"""Every write to sources goes through these actions (one transaction, audited)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.actions import action
from yuqing.errors import InputError
from yuqing.sources.models import Source


def validate_source(kind: str, url: str, schedule_minutes: int) -> None:
    if kind not in Source.Kind.values:
        raise InputError(_("Unknown source kind %(kind)s; choose one of %(kinds)s") % {"kind": kind, "kinds": ", ".join(Source.Kind.values)})
    if kind == Source.Kind.FILE:
        if not Path(url).expanduser().exists():
            raise InputError(_("File %(path)s does not exist on the server") % {"path": url})
    else:
        parsed = urlparse(url)
        if parsed.scheme not in {"http", "https"} or not parsed.hostname:
            raise InputError(_("%(url)s is not an http(s) address") % {"url": url})
    if schedule_minutes < 1:
        raise InputError(_("The schedule must be at least one minute"))


@action("source.create")
def create_source(actor, *, name: str, kind: str, url: str, schedule_minutes: int = 30, site: str = "",
                  enabled: bool = True, options: dict | None = None) -> Source:
    url = url.strip()
    validate_source(kind, url, schedule_minutes)
    if Source.objects.filter(kind=kind, url=url).exists():
        raise InputError(_("A %(kind)s source with this address already exists") % {"kind": kind})
    return Source.objects.create(
        name=name.strip() or url, kind=kind, url=url, schedule_minutes=schedule_minutes,
        site=site or (urlparse(url).hostname or ""), enabled=enabled, options=options or {},
        next_run_at=timezone.now(),
    )


@action("source.update")
def update_source(actor, source: Source, *, name: str | None = None, url: str | None = None,
                  schedule_minutes: int | None = None, enabled: bool | None = None) -> Source:
    new_url = url.strip() if url is not None else source.url
    new_schedule = schedule_minutes if schedule_minutes is not None else source.schedule_minutes
    validate_source(source.kind, new_url, new_schedule)
    source.url, source.schedule_minutes = new_url, new_schedule
    if name is not None:
        source.name = name.strip() or new_url
    if enabled is not None:
        source.enabled = enabled
    source.save()
    return source


@action("source.delete")
def delete_source(actor, source: Source) -> None:
    source.delete()
