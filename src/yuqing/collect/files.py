"""File imports: JSONL, JSON arrays, CSV (gzip too) and Excel (.xlsx) to CollectedItem, every bad
row a Rejected with its line.

Default column names: id, url, title, text, author, site, created_at, and for conversation
streams kind, cascade (-> root_id), parent (-> parent_id), plus reposts/comments/likes counts
(-> engagement). `mapping` renames the file's own columns to these: {"content": "text", "mid": "id"}.

An .xlsx without a mapping gets the guessed one (标题 → title, 发布时间 → created_at …, see
yuqing.collect.headers); its "line" is the sheet's row number.

Times: unix seconds (milliseconds above 1e11) or ISO 8601; ISO times without an offset are
read in `naive_tz`, Beijing time by default (see yuqing.text.dates for why).
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
import zlib
from collections.abc import Iterator
from datetime import tzinfo
from pathlib import Path
from typing import IO

from yuqing.collect.items import CollectedItem, Rejected
from yuqing.collect.rows import RowReader, Transform
from yuqing.text.dates import CHINA_TZ

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
    transform: Transform | None = None,
    sheet: str | None = None,
) -> Iterator[Record]:
    """Items and rejects of a JSONL or CSV file (gzip recognised by its magic bytes).

    `fmt` is "jsonl" (a JSON array too), "csv", "tsv" or "xlsx"; None guesses from the suffix,
    then from the content. `transform` renames a row's fields before `mapping` (MediaCrawler).
    Every record carries `position`, its line number (for CSV, the line its row ends on);
    `resume_after=N` skips records up to line N, to continue an interrupted import.
    With `require_id_or_url=False`, rows with neither get an id hashed from the whole row.
    """
    path = Path(path)
    fmt = (fmt or guess_format(path)).lower()
    if fmt not in ("jsonl", "csv", "tsv", "xlsx"):
        raise ValueError(f"unknown format {fmt!r}: use jsonl, csv, tsv or xlsx")
    if fmt == "xlsx":
        yield from _xlsx(path, mapping, RowReader({}, naive_tz, require_id_or_url, transform), resume_after, sheet)
        return
    reader = RowReader(mapping or {}, naive_tz, require_id_or_url, transform)
    encoding = "utf-8" if fmt == "jsonl" else _text_encoding(path)
    with open_maybe_gzip(path) as stream:
        if fmt == "jsonl" and _starts_with(path, b"["):
            yield from _json_array(stream, reader, resume_after)
        elif fmt == "jsonl":
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
    if last == ".xlsx":
        return "xlsx"
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


def _starts_with(path: Path, prefix: bytes) -> bool:
    with open_maybe_gzip(path) as stream:
        return stream.read(SNIFF_BYTES).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(prefix)


def _json_array(stream: IO[bytes], reader: RowReader, resume_after: int) -> Iterator[Record]:
    """A whole-file JSON array (MediaCrawler's .json output); position = index in the array, from 1."""
    import json

    try:
        rows = json.loads(stream.read().decode("utf-8-sig"))
    except (ValueError, OSError, EOFError, zlib.error, RecursionError) as exc:
        yield Rejected(f"NotJson: not a valid JSON file: {exc}", None, "file", 1)
        return
    for number, row in enumerate(rows if isinstance(rows, list) else [rows], 1):
        if number <= resume_after:
            continue
        if isinstance(row, dict):
            yield reader.from_row(row, number)
        else:
            yield Rejected(f"NotAnObject: item {number}: expected a JSON object, found {type(row).__name__}", row,
                           f"item {number}", number)


def _xlsx(path: Path, mapping: dict[str, str] | None, reader: RowReader, resume_after: int, sheet: str | None) -> Iterator[Record]:
    from openpyxl.utils.exceptions import InvalidFileException

    from yuqing.collect import xlsx
    from yuqing.collect.headers import guess_mapping

    try:
        names = xlsx.header(path, sheet)
        reader.mapping = mapping if mapping is not None else guess_mapping(names)
        for number, row in xlsx.read_sheet(path, sheet):
            if number > resume_after:
                yield reader.from_row(row, number)
    except (OSError, KeyError, ValueError, zlib.error, zipfile.BadZipFile, InvalidFileException) as exc:  # not a workbook, damaged, no such sheet
        yield Rejected(f"UnreadableWorkbook: the workbook could not be read: {type(exc).__name__}: {exc}", None, "file",
                       resume_after + 1)


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
    reason = f"DamagedFile: file is damaged after line {line_number}: {exc}; the rest of it could not be read"
    return Rejected(reason, None, f"line {line_number + 1}", line_number + 1)

