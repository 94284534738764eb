"""Finding and reading MediaCrawler output: which platform and kind each file (sheet, table) holds.

MediaCrawler saves to `data/<platform>/<format>/<crawler>_<contents|comments|creators>_<date>.<ext>`,
an .xlsx per run with Contents/Comments/Creators sheets, or one SQLite database with a table per
platform and kind (weibo_note, weibo_note_comment, douyin_aweme …). The platform is told by the
columns where they are unambiguous (aweme_id is Douyin's), else by names in the path, sheet or table;
the kind by whether rows have a comment_id. Creator (user profile) data is not imported: yuqing
does not profile people.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from yuqing.collect.files import guess_format, open_maybe_gzip, read_records
from yuqing.collect.items import CollectedItem, Rejected
from yuqing.collect.mediacrawler import transformer
from yuqing.collect.rows import RowReader
from yuqing.text.dates import CHINA_TZ

SUFFIXES = (".jsonl", ".json", ".csv", ".xlsx", ".db", ".sqlite", ".sqlite3")
_ALIASES = {"weibo": "weibo", "wb": "weibo", "douyin": "douyin", "dy": "douyin", "kuaishou": "kuaishou", "ks": "kuaishou",
            "xhs": "xhs", "xiaohongshu": "xhs", "bilibili": "bilibili", "bili": "bilibili", "zhihu": "zhihu", "tieba": "tieba"}
_STRONG = (("aweme_id", "douyin"), ("tieba_name", "tieba"), ("tieba_id", "tieba"), ("content_id", "zhihu"),
           ("video_play_count", "bilibili"), ("video_danmaku", "bilibili"), ("viewd_count", "kuaishou"),
           ("video_play_url", "kuaishou"), ("xsec_token", "xhs"), ("collected_count", "xhs"),
           ("shared_count", "weibo"), ("comments_count", "weibo"), ("comment_like_count", "weibo"),
           ("create_date_time", "weibo"))
_WEAK = (("video_id", "parent_comment_id", "bilibili"), ("video_id", "", "kuaishou"), ("note_id", "pictures", "xhs"),
         ("note_id", "", "weibo"))
_TOKEN = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Stream:
    """One run of rows of one platform and kind: a file, or a sheet or table in one."""

    path: Path
    platform: str
    kind: str  # "contents" or "comments"
    part: str = ""  # the sheet or table name

    @property
    def label(self) -> str:
        return f"{self.path.name}{'#' + self.part if self.part else ''} ({self.platform} {self.kind})"


def find_files(folder: Path) -> list[Path]:
    """Data files under `folder`, skipping media folders (images, videos) and creator files."""
    found = [p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
             and not {"images", "videos", "audio", "words"} & {part.lower() for part in p.parts}
             and "creator" not in p.name.lower()]
    return sorted(found, key=lambda p: ("comment" in p.name.lower(), str(p)))  # posts before their comments


def streams(path: Path, platform: str = "") -> list[Stream]:
    """The streams of one file; `platform` forces the platform when detection cannot tell."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from yuqing.collect import xlsx

        parts = [(sheet, xlsx.header(path, sheet)) for sheet in xlsx.sheet_names(path)]
    elif suffix in (".db", ".sqlite", ".sqlite3"):
        parts = [(table, columns) for table, columns in _tables(path)]
    else:
        parts = [("", _columns(path))]
    found = [_stream(path, part, columns, platform) for part, columns in parts]
    return sorted([s for s in found if s], key=lambda s: s.kind == "comments")


def _stream(path: Path, part: str, columns: list[str], platform: str) -> Stream | None:
    kind = detect_kind(set(columns), f"{path} {part}")
    if kind is None:
        return None
    found = platform or detect_platform(set(columns), f"{path} {part}")
    return Stream(path, found, kind, part) if found else None


def detect_kind(columns: set[str], hint: str) -> str | None:
    words = set(_TOKEN.split(hint.lower()))
    if "creator" in words or "creators" in words or not columns:
        return None
    if "comment_id" in columns:
        return "comments"
    return "contents" if columns & {"note_id", "aweme_id", "video_id", "content_id"} else None


def detect_platform(columns: set[str], hint: str) -> str:
    for column, platform in _STRONG:
        if column in columns:
            return platform
    for word in reversed(_TOKEN.split(hint.lower())):  # the nearest name wins: data/xhs/json/…
        if word in _ALIASES:
            return _ALIASES[word]
    for column, also, platform in _WEAK:
        if column in columns and (not also or also in columns):
            return platform
    return ""


def read_stream(stream: Stream, resume_after: int = 0) -> Iterator[CollectedItem | Rejected]:
    transform = transformer(stream.platform, stream.kind)
    if stream.part and stream.path.suffix.lower() != ".xlsx":
        yield from _table_rows(stream, RowReader({}, CHINA_TZ, True, transform), resume_after)
        return
    yield from read_records(stream.path, mapping={}, resume_after=resume_after, transform=transform,
                            sheet=stream.part or None)


def _columns(path: Path) -> list[str]:
    fmt = guess_format(path)
    with open_maybe_gzip(path) as raw:
        head = raw.read(64 * 1024).decode("utf-8-sig", errors="replace").lstrip()
    if fmt == "csv":
        return [name.strip().strip('"') for name in head.splitlines()[0].split(",")] if head else []
    if head.startswith("["):
        rows = json.loads(open_maybe_gzip(path).read().decode("utf-8-sig") or "[]")
        return list(rows[0]) if rows and isinstance(rows[0], dict) else []
    try:
        first = json.loads(head.splitlines()[0]) if head else {}
    except ValueError:
        return []
    return list(first) if isinstance(first, dict) else []


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)  # never writes MediaCrawler's file


def _tables(path: Path) -> list[tuple[str, list[str]]]:
    with _connect(path) as db:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return [(name, [col[1] for col in db.execute(f"PRAGMA table_info({_quoted(name)})")]) for name in names]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table_rows(stream: Stream, reader: RowReader, resume_after: int) -> Iterator[CollectedItem | Rejected]:
    """Rows in rowid order; the position is the rowid, so a followed database resumes after it."""
    db = _connect(stream.path)
    db.row_factory = sqlite3.Row
    try:
        query = f"SELECT rowid AS _rowid, * FROM {_quoted(stream.part)} WHERE rowid > ? ORDER BY rowid"
        for row in db.execute(query, (resume_after,)):
            values = {key: row[key] for key in row.keys() if key != "_rowid"}
            yield reader.from_row(values, row["_rowid"])
    finally:
        db.close()
