"""Every write to sources goes through these actions (one transaction, audited)."""

from __future__ import annotations

from urllib.parse import urlparse

from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.actions import action
from yuqing.errors import InputError
from yuqing.sources.access import require_manage
from yuqing.sources.import_paths import resolve_import_path
from yuqing.sources.models import ADDED_BY_HAND, Source


def validate_source(kind: str, url: str, schedule_minutes: int) -> str:
    """The address to store (a file source's real path), or InputError with the reason."""
    _validate_schedule(schedule_minutes)
    return validate_address(kind, url)


def validate_address(kind: str, url: str) -> str:
    if kind not in ADDED_BY_HAND:
        raise InputError(_("Unknown source kind %(kind)s; choose one of %(kinds)s") % {"kind": kind, "kinds": ", ".join(ADDED_BY_HAND)})
    if kind == Source.Kind.FILE:
        url = str(resolve_import_path(url))
    else:
        parsed = urlparse(url)
        if parsed.scheme not in {"http", "https"} or not parsed.hostname:
            raise InputError(_("%(url)s is not an http(s) address") % {"url": url})
    return url


def _validate_schedule(schedule_minutes: int) -> None:
    if schedule_minutes < 1:
        raise InputError(_("The schedule must be at least one minute"))


@action("source.create")
def create_source(actor, *, name: str, kind: str, url: str, schedule_minutes: int = 30, site: str = "",
                  enabled: bool = True, options: dict | None = None) -> Source:
    require_manage(actor, kind)
    url = validate_source(kind, url.strip(), schedule_minutes)
    if kind == Source.Kind.RSSHUB:
        options, site = _rsshub_options(url, options or {}), site or _rsshub_site(url, options or {})
    if Source.objects.filter(kind=kind, url=url).exists():
        raise InputError(_("A %(kind)s source with this address already exists") % {"kind": kind})
    return Source.objects.create(
        name=name.strip() or _default_name(kind, url), kind=kind, url=url, schedule_minutes=schedule_minutes,
        site=site or ("" if kind == Source.Kind.FILE else urlparse(url).hostname or ""), enabled=enabled, options=options or {},
        next_run_at=timezone.now(),
    )


def _rsshub_options(url: str, options: dict) -> dict:
    from yuqing.sources.rsshub import route_of

    base = options.get("base", "")
    return {**options, "base": base, "route": options.get("route") or route_of(url, base)}


def _rsshub_site(url: str, options: dict) -> str:
    from yuqing.sources.rsshub import site_of

    return site_of(_rsshub_options(url, options)["route"]) or urlparse(url).hostname or ""


def _default_name(kind: str, url: str) -> str:
    return url.rsplit("/", 1)[-1] if kind == Source.Kind.FILE else url


@action("source.update")
def update_source(actor, source: Source, *, name: str | None = None, url: str | None = None,
                  schedule_minutes: int | None = None, enabled: bool | None = None) -> Source:
    require_manage(actor, source.kind)
    if url is not None:  # an unchanged file path is checked again when it is read
        source.url = validate_address(source.kind, url.strip())
    if schedule_minutes is not None:
        _validate_schedule(schedule_minutes)
        source.schedule_minutes = schedule_minutes
    if name is not None:
        source.name = name.strip() or source.url
    if enabled is not None:
        source.enabled = enabled
    source.save()
    return source


@action("source.delete")
def delete_source(actor, source: Source) -> None:
    require_manage(actor, source.kind)
    source.delete()
