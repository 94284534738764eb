"""Running sources: one collection run per source, health updated, nothing lost or doubled.

Web sources (feeds, pages, list pages) are fetched through the one HTTP client; file sources
are read in batches, each batch committed with the input position it reached, so a killed
import restarts where it stopped (and the unique dedup key makes any overlap harmless).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Callable, Iterable, Iterator

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from yuqing import failures
from yuqing.collect.config import ClientConfig
from yuqing.collect.items import CollectedItem, Rejected
from yuqing.documents.store import StoreStats, store_batch
from yuqing.errors import FetchError, InputError
from yuqing.sources.import_paths import resolve_import_path
from yuqing.sources.models import WEB_KINDS, CollectionRun, Source

log = logging.getLogger("yuqing.collect")
BATCH = 1000
Progress = Callable[[int, StoreStats], None]


def client_config() -> ClientConfig:
    cfg = settings.YUQING
    return ClientConfig(
        user_agent=cfg.fetch_user_agent,
        max_bytes=cfg.fetch_max_bytes,
        min_host_interval_s=cfg.fetch_min_interval,
        allowed_networks=tuple(cfg.fetch_allow_networks),
    )


def collect_due(now=None, client=None) -> list[CollectionRun]:
    """Collect every enabled source whose next run is due."""
    now = now or timezone.now()
    web = Source.objects.filter(enabled=True, kind__in=WEB_KINDS)
    due = web.filter(next_run_at__lte=now) | web.filter(next_run_at__isnull=True)
    return [collect_source(source, client=client) for source in due.order_by("next_run_at", "id")]


def collect_source(source: Source, client=None, progress: Progress | None = None) -> CollectionRun:
    """Run one source now; failures are recorded on the run and the source's health, not raised."""
    if source.kind == Source.Kind.FILE:
        return import_into(source, progress=progress)
    if source.kind not in WEB_KINDS:
        return _finish(CollectionRun.objects.create(source=source), source, StoreStats(),
                       failures.stored("NothingToCollect", "documents arrive by upload or push API"))
    run = CollectionRun.objects.create(source=source)
    try:
        stats = _collect_web(source, run, client)
    except (FetchError, InputError) as error:
        return _finish(run, source, StoreStats(), failures.stored(error))
    except Exception as error:  # a bug in a parser must not stop the other sources
        log.exception("collecting %s failed", source)
        return _finish(run, source, StoreStats(), failures.stored("InternalError", f"{type(error).__name__}: {error}"))
    return _finish(run, source, stats, "")


def _collect_web(source: Source, run: CollectionRun, client) -> StoreStats:
    from yuqing.sources import fetchers

    owns_client = client is None
    client = client or fetchers.make_client(client_config())
    try:
        records = fetchers.fetch(source, client)
        stats = StoreStats()
        for batch in _batches(records, BATCH):
            stats.add(store_batch(batch, source, run))
        return stats
    finally:
        if owns_client:
            client.close()


def import_into(source: Source, progress: Progress | None = None, *, any_folder: bool = False,
                continue_after: int | None = None) -> CollectionRun:
    """Import a file source, resuming after the last committed position of an unfinished run.

    The path is checked again now (it may have become a symlink since the source was saved): only
    files in an import folder, never the workspace's own; `any_folder=True` is for `yuqing import`.
    `continue_after` starts after that position even when the last run finished (a followed file
    that grew).
    """
    resume_from = _resume_position(source) if continue_after is None else continue_after
    run = CollectionRun.objects.create(source=source, position=resume_from)
    stats = StoreStats()
    try:
        path = _file_of(source, any_folder)
        records = file_records(source, path, resume_from)
        for batch in _batches(records, BATCH):
            with transaction.atomic():
                stats.add(store_batch(_with_site(batch, source), source, run))
                run.position = max(_position(r) for r in batch)
                CollectionRun.objects.filter(pk=run.pk).update(
                    position=run.position, items_new=stats.new, items_duplicate=stats.duplicate,
                    items_rejected=stats.rejected,
                )
            if progress:
                progress(run.position, stats)
    except OSError:  # its text would name the path
        return _finish(run, source, stats, failures.stored("ImportFileUnreadable", "not a readable file in an import folder"))
    except InputError as error:
        return _finish(run, source, stats, failures.stored(error))
    except ValueError as error:
        return _finish(run, source, stats, failures.stored("BadImportFile", str(error)))
    return _finish(run, source, stats, "")


def _file_of(source: Source, any_folder: bool):
    """The file to read: an upload of the import page (kept under MEDIA_ROOT/imports, where file
    sources never reach), or a file source's path, checked against the import folders again now."""
    if source.kind == Source.Kind.UPLOAD:
        from pathlib import Path

        uploads = (Path(settings.MEDIA_ROOT) / "imports").resolve()
        path = Path(source.url).resolve()
        if not path.is_relative_to(uploads) or not path.is_file():
            raise OSError("upload missing")
        return path
    return resolve_import_path(source_path(source), any_folder=any_folder)


def source_path(source: Source) -> str:
    """The file a file source reads (a sheet or table in it is named in options["part"])."""
    part = source.options.get("part")
    return source.url[: -len(part) - 1] if part and source.url.endswith("#" + part) else source.url


def file_records(source: Source, path, resume_after: int) -> Iterator[CollectedItem | Rejected]:
    options = source.options
    if options.get("format") == "mediacrawler":
        from yuqing.collect.mediacrawler_files import Stream, read_stream

        return read_stream(Stream(path, options["platform"], options["kind"], options.get("part", "")), resume_after)
    from yuqing.collect.files import read_records

    return read_records(path, mapping=options.get("mapping") or None, resume_after=resume_after,
                        require_id_or_url=False, sheet=options.get("part") or None)


def _with_site(batch: list, source: Source) -> list:
    site = source.site
    if site:
        for record in batch:
            if isinstance(record, CollectedItem) and not record.site:
                record.site = site
    return batch


def _resume_position(source: Source) -> int:
    """Where the last run that did not finish stopped (0 when the last run finished)."""
    last = source.runs.order_by("-started_at", "-id").first()
    if last is None or last.status in (CollectionRun.Status.OK,):
        return 0
    if last.status == CollectionRun.Status.RUNNING:
        CollectionRun.objects.filter(pk=last.pk).update(status=CollectionRun.Status.INTERRUPTED)
    return last.position


def _position(record: CollectedItem | Rejected) -> int:
    return int(getattr(record, "position", 0) or 0)


def _batches(records: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _finish(run: CollectionRun, source: Source, stats: StoreStats, error: str) -> CollectionRun:
    now = timezone.now()
    run.finished_at, run.error = now, error
    run.status = CollectionRun.Status.FAILED if error else CollectionRun.Status.OK
    run.items_new, run.items_duplicate, run.items_rejected = stats.new, stats.duplicate, stats.rejected
    run.save()
    source.last_run_at = now
    source.next_run_at = now + timedelta(minutes=source.schedule_minutes)
    source.items_seen += stats.new + stats.duplicate
    if error:
        source.last_error, source.last_error_at = error, now
        source.consecutive_failures += 1
    else:
        source.last_success_at, source.consecutive_failures = now, 0
    source.save()
    return run
