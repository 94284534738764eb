"""File imports: JSONL and CSV (gzip too) to CollectedItem, every bad row a Rejected with its line.

Default column names: id, url, title, text, author, site, created_at, and for conversation
streams kind, cascade (-> root_id), parent (-> parent_id), plus reposts/comments/likes counts
(-> engagement). `mapping` renames the file's own columns to these: {"content": "text", "mid": "id"}.

Times: unix seconds (milliseconds above 1e11) or ISO 8601; ISO times without an offset are
read in `naive_tz`, Beijing time by default (see yuqing.collect.dates for why).
"""

from __future__ import annotations

import csv
import gzip
import io
import zlib
from collections.abc import Iterator
from datetime import tzinfo
from pathlib import Path
from typing import IO

from yuqing.collect.dates import CHINA_TZ
from yuqing.collect.items import CollectedItem, Rejected
from yuqing.collect.rows import RowReader

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
CSV_SUFFIXES = {".csv": ",", ".tsv": "\t"}
SNIFF_BYTES = 64 * 1024
Record = CollectedItem | Rejected


def read_records(
    path: str | Path,
    mapping: dict[str, str] | None = None,
    fmt: str | None = None,
    naive_tz: tzinfo = CHINA_TZ,
    resume_after: int = 0,
    require_id_or_url: bool = True,
) -> Iterator[Record]:
    """Items and rejects of a JSONL or CSV file (gzip recognised by its magic bytes).

    `fmt` is "jsonl", "csv" or "tsv"; None guesses from the suffix, then from the content.
    Every record carries `position`, its line number (for CSV, the line its row ends on);
    `resume_after=N` skips records up to line N, to continue an interrupted import.
    With `require_id_or_url=False`, rows with neither get an id hashed from the whole row.
    """
    path = Path(path)
    fmt = (fmt or guess_format(path)).lower()
    reader = RowReader(mapping or {}, naive_tz, require_id_or_url)
    if fmt not in ("jsonl", "csv", "tsv"):
        raise ValueError(f"unknown format {fmt!r}: use jsonl, csv or tsv")
    encoding = "utf-8" if fmt == "jsonl" else _text_encoding(path)
    with open_maybe_gzip(path) as stream:
        if fmt == "jsonl":
            yield from _jsonl(stream, reader, resume_after)
        else:
            text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
            yield from _csv(text, reader, resume_after, "\t" if fmt == "tsv" else ",")


def open_maybe_gzip(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when it starts with the gzip magic (whatever its suffix)."""
    with path.open("rb") as probe:
        magic = probe.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else path.open("rb")


def guess_format(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    last = suffixes[-1] if suffixes else ""
    if last in JSONL_SUFFIXES:
        return "jsonl"
    if last in CSV_SUFFIXES:
        return "csv" if last == ".csv" else "tsv"
    with open_maybe_gzip(path) as stream:
        head = stream.read(SNIFF_BYTES).lstrip(b"\xef\xbb\xbf \t\r\n")
    return "jsonl" if head.startswith(b"{") else "csv"


def _jsonl(stream: IO[bytes], reader: RowReader, resume_after: int) -> Iterator[Record]:
    line_number = 0
    try:
        for line_number, line in enumerate(stream, 1):
            if line_number <= resume_after or not line.strip():
                continue
            yield reader.from_json_line(line, line_number)
    except (OSError, EOFError, zlib.error) as exc:  # a truncated or corrupt gzip stream
        yield _corrupt(exc, line_number)


def _csv(text: IO[str], reader: RowReader, resume_after: int, delimiter: str) -> Iterator[Record]:
    rows = csv.DictReader(text, delimiter=delimiter, restkey="_extra_columns")
    try:
        for row in rows:
            if rows.line_num > resume_after:
                yield reader.from_csv_row(row, rows.line_num)
    except (OSError, EOFError, zlib.error, csv.Error) as exc:
        yield _corrupt(exc, rows.line_num)


def _text_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when the start decodes as UTF-8, else GB18030 (Excel in China)."""
    with open_maybe_gzip(path) as stream:
        head = stream.read(SNIFF_BYTES)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:
            return "gb18030"
    return "utf-8-sig"


def _corrupt(exc: Exception, line_number: int) -> Rejected:
    reason = f"file is damaged after line {line_number}: {exc}; the rest of it could not be read"
    return Rejected(reason, None, f"line {line_number + 1}", line_number + 1)

