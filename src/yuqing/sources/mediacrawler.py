"""Importing MediaCrawler output: one file source per file (or sheet, or table), and following a
folder as MediaCrawler keeps writing to it.

Each stream becomes a disabled file source (options: format mediacrawler, platform, kind, part),
so its runs, counts and quarantine show on the Sources pages like any import, and re-importing adds
nothing. Following: JSONL, CSV and SQLite grow by appending, so a changed file continues after the
position reached (a file that shrank was replaced and is read again); JSON arrays and workbooks are
rewritten whole and are read again (the store's de-duplication makes that harmless).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from yuqing.collect.mediacrawler_files import Stream, find_files, streams
from yuqing.sources.collecting import Progress, import_into
from yuqing.sources.models import CollectionRun, Source

APPENDED = (".jsonl", ".csv", ".db", ".sqlite", ".sqlite3")


def source_for(stream: Stream) -> Source:
    url = f"{stream.path}#{stream.part}" if stream.part else str(stream.path)
    options = {"format": "mediacrawler", "platform": stream.platform, "kind": stream.kind, "part": stream.part}
    source, created = Source.objects.get_or_create(
        kind=Source.Kind.FILE, url=url, defaults={"name": stream.label, "enabled": False, "options": options})
    if not created and source.options != options:
        source.options = options
        source.save(update_fields=["options"])
    return source


def import_path(path: Path, platform: str = "", progress: Progress | None = None, *,
                any_folder: bool = False) -> list[CollectionRun]:
    """Import a MediaCrawler file, or every data file under a folder (posts before comments)."""
    files = find_files(path) if path.is_dir() else [path]
    return [import_into(source_for(stream), progress, any_folder=any_folder)
            for file in files for stream in streams(file, platform)]


@dataclass
class FolderFollower:
    """Polls a folder; each `poll()` imports what is new since the last one."""

    folder: Path
    platform: str = ""
    any_folder: bool = False
    seen: dict[Path, tuple[int, int]] = field(default_factory=dict)  # path -> (size, mtime_ns)

    def poll(self, progress: Progress | None = None) -> list[CollectionRun]:
        runs = []
        for file in find_files(self.folder):
            stat = file.stat()
            before, now = self.seen.get(file), (stat.st_size, stat.st_mtime_ns)
            if before == now:
                continue
            self.seen[file] = now
            grew = before is not None and now[0] >= before[0] and file.suffix.lower() in APPENDED
            for stream in streams(file, self.platform):
                source = source_for(stream)
                runs.append(import_into(source, progress, any_folder=self.any_folder,
                                        continue_after=_reached(source) if grew else 0))
        return runs


def _reached(source: Source) -> int:
    last = source.runs.order_by("-started_at", "-id").first()
    return last.position if last else 0
