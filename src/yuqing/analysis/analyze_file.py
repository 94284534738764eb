"""`yuqing analyze IN.jsonl[.gz] -o OUT.jsonl`: the whole pipeline over a file, no database.

One output line per input line, in order. A line that cannot be read still gets its output line
(`{"line": N, "id": null, "error": "..."}`) so that outputs stay aligned with inputs.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path
from typing import IO, Any, Iterator, TextIO

from yuqing.analysis.assemble import build_pipeline
from yuqing.analysis.pipeline import Pipeline, Post
from yuqing.text.dates import parse_timestamp

BATCH = 2000


def open_text(path: str | Path) -> IO[str]:
    if str(path) == "-":
        return sys.stdin
    raw = open(path, "rb")
    magic = raw.read(2)
    raw.seek(0)
    if magic == b"\x1f\x8b":
        return gzip.open(raw, "rt", encoding="utf-8")
    return open(path, "rt", encoding="utf-8")


def read_posts(handle: IO[str]) -> Iterator[tuple[int, Post | None, str]]:
    """(line number, post or None, error) for every line."""
    for number, line in enumerate(handle, 1):
        try:
            yield number, to_post(json.loads(line)), ""
        except (ValueError, TypeError, AttributeError, RecursionError) as error:  # RecursionError: [[[[… nested too deep
            yield number, None, f"line {number}: {error}"


def to_post(row: dict[str, Any]) -> Post:
    if not isinstance(row, dict):
        raise TypeError("each line must be a JSON object")
    if row.get("id") in (None, ""):
        raise ValueError("the post has no id")
    created = parse_timestamp(row.get("created_at"))
    return {
        "id": str(row["id"]), "text": str(row.get("text") or ""), "title": str(row.get("title") or ""),
        "created_at": created.timestamp() if created else None, "url": str(row.get("url") or ""),
        "site": str(row.get("site") or ""), "author": str(row.get("author") or ""), "source": str(row.get("source") or ""),
        "parent_id": str(row.get("parent_id") or row.get("parent") or ""),  # a repost's original, when known
    }


def result(post: Post) -> dict[str, Any]:
    sentiment = post.get("sentiment") or {}
    return {
        "id": post["id"],
        "sentiment": {"label": sentiment.get("label"), "score": sentiment.get("score")},
        "risk": post.get("risk"),
        "places": [{k: p[k] for k in ("mention", "code", "name", "level")} for p in post.get("places") or []],
        "event": post.get("event"),
        "duplicate_of": post.get("duplicate_of"),
        "keywords": post.get("keywords") or [],
    }


def run_analyze(in_path: str | Path, out_path: str | Path, progress: TextIO | None = sys.stderr,
                pipeline: Pipeline | None = None) -> int:
    """Analyse every post of `in_path` into `out_path`; returns the number of lines read."""
    pipeline = pipeline or build_pipeline()
    started, lines = time.perf_counter(), 0
    with open_text(in_path) as source, open(out_path, "w", encoding="utf-8") as out:
        pending: list[tuple[int, Post | None, str]] = []
        for entry in read_posts(source):
            pending.append(entry)
            if len(pending) >= BATCH:
                lines += _flush(pending, pipeline, out)
                _report(progress, lines, started)
        lines += _flush(pending, pipeline, out)
    _report(progress, lines, started, final=True)
    return lines


def _flush(pending: list[tuple[int, Post | None, str]], pipeline: Pipeline, out: IO[str]) -> int:
    posts = [post for _, post, _ in pending if post is not None]
    pipeline.run(posts)
    for number, post, error in pending:
        row = result(post) if post is not None else {"line": number, "id": None, "error": error}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    count = len(pending)
    pending.clear()
    return count


def _report(progress: TextIO | None, lines: int, started: float, final: bool = False) -> None:
    if progress is None:
        return
    elapsed = max(time.perf_counter() - started, 1e-9)
    end = "\n" if final else ""
    print(f"\ranalyzed {lines:,} posts in {elapsed:,.1f}s ({lines / elapsed:,.0f} posts/s)", end=end, file=progress, flush=True)
