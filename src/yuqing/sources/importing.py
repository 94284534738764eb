"""The import page's work: store an upload, read a file's columns, preview rows as mapped, and run
queued imports in the background (no web request imports: it queues, the worker runs).

Uploads are kept under MEDIA_ROOT/imports/ (the workspace's own files, which file sources can never
read); a file picked from an import folder is read where it is, through the import-folder check.
"""

from __future__ import annotations

import json
import uuid
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from yuqing.collect.files import guess_format, open_maybe_gzip, read_records
from yuqing.collect.headers import guess_mapping
from yuqing.collect.items import CollectedItem, Rejected
from yuqing.sources.collecting import import_into, source_path
from yuqing.sources.import_paths import resolve_import_path
from yuqing.sources.models import ImportJob, Source

SUFFIXES = (".xlsx", ".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".gz")
PREVIEW_ROWS = 10


def save_upload(upload, user) -> ImportJob:
    """Keep an uploaded file and make its (not yet queued) job."""
    name = Path(upload.name).name[:200] or "upload"
    folder = Path(settings.MEDIA_ROOT) / "imports" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    path = folder / name
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    source = Source.objects.create(kind=Source.Kind.UPLOAD, url=str(path), name=name, enabled=False)
    return ImportJob.objects.create(source=source, created_by=user, file_name=name, status=ImportJob.Status.DRAFT)


def job_for_folder_file(name: str, user) -> ImportJob:
    """A job for a file in an import folder (checked as file sources are: only there, never elsewhere)."""
    path = resolve_import_path(name)
    source, _ = Source.objects.get_or_create(kind=Source.Kind.FILE, url=str(path),
                                             defaults={"name": path.name, "enabled": False})
    return ImportJob.objects.create(source=source, created_by=user, file_name=path.name, status=ImportJob.Status.DRAFT)


def folder_files() -> list[str]:
    """Importable files in the import folders, as names relative to their folder."""
    from yuqing.sources.import_paths import import_dirs, is_workspace_file

    found = []
    for folder in import_dirs():
        if folder.is_dir():
            found += [str(p.relative_to(folder)) for p in sorted(folder.rglob("*"))[:2000]
                      if p.is_file() and p.suffix.lower() in SUFFIXES and not is_workspace_file(p.resolve())]
    return found[:500]


def job_path(job: ImportJob) -> Path:
    if job.source.kind == Source.Kind.UPLOAD:
        return Path(job.source.url)
    return resolve_import_path(source_path(job.source))


def columns(path: Path, sheet: str | None = None) -> list[str]:
    """The file's column names: the header of a sheet or CSV, the keys of the first JSON objects."""
    fmt = guess_format(path)
    if fmt == "xlsx":
        from yuqing.collect.xlsx import header

        return header(path, sheet)
    if fmt in ("csv", "tsv"):
        for record in islice(read_records(path, mapping={}, fmt=fmt, require_id_or_url=False), 1):
            return [k for k in record.raw if k != "_extra_columns"] if isinstance(record.raw, dict) else []
        return []
    keys: dict[str, None] = {}
    for record in islice(read_records(path, mapping={}, require_id_or_url=False), PREVIEW_ROWS):
        if isinstance(record.raw, dict):
            keys.update(dict.fromkeys(record.raw))
    return list(keys)


def initial_mapping(names: list[str]) -> dict[str, str]:
    """The guess: recognised headers mapped, our own field names kept as they are."""
    from yuqing.collect.headers import FIELDS

    mapping = guess_mapping(names)
    return {name: mapping.get(name) or (name if name in FIELDS else "") for name in names}


def preview(path: Path, mapping: dict[str, str], rows: int = PREVIEW_ROWS) -> list[CollectedItem | Rejected]:
    renames = {theirs: ours for theirs, ours in mapping.items() if ours and theirs != ours}
    return list(islice(read_records(path, mapping=renames, require_id_or_url=False), rows))


def queue(job: ImportJob, mapping: dict[str, str]) -> None:
    source = job.source
    source.options = {**source.options, "mapping": {t: o for t, o in mapping.items() if o and t != o}}
    source.save(update_fields=["options"])
    job.status = ImportJob.Status.PENDING
    job.save(update_fields=["status"])


def run_pending() -> int:
    """Run queued imports, oldest first (the background worker's job); returns how many ran."""
    done = 0
    while True:
        with transaction.atomic():
            job = ImportJob.objects.filter(status=ImportJob.Status.PENDING).order_by("created_at").first()
            if job is None or not ImportJob.objects.filter(pk=job.pk, status=job.Status.PENDING).update(status=job.Status.RUNNING):
                return done
        _run(job)
        done += 1


def _run(job: ImportJob) -> None:
    try:
        job.total_rows = count_rows(job_path(job))
    except Exception:  # the import itself reports an unreadable file with its reason
        job.total_rows = 0
    ImportJob.objects.filter(pk=job.pk).update(total_rows=job.total_rows)
    run = import_into(job.source, progress=_progress(job), continue_after=0)
    job.run, job.error = run, run.error
    job.status = job.Status.FAILED if run.error else job.Status.DONE
    job.finished_at = timezone.now()
    job.save()


def _progress(job: ImportJob):
    def update(position: int, stats) -> None:
        from yuqing.sources.models import CollectionRun

        run = CollectionRun.objects.filter(source=job.source).order_by("-started_at", "-id").first()
        ImportJob.objects.filter(pk=job.pk).update(run=run)
    return update


def count_rows(path: Path) -> int:
    if guess_format(path) == "xlsx":
        from yuqing.collect.xlsx import data_rows

        return data_rows(path)
    with open_maybe_gzip(path) as stream:
        if path.suffix.lower() == ".json" and stream.read(1) == b"[":
            return len(json.loads(open_maybe_gzip(path).read() or b"[]"))
        return sum(1 for _ in stream)
