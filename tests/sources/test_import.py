"""File imports: idempotent, resumable after a kill, rejects quarantined with their reason."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.shared_data import shared_path
from yuqing.documents.models import Document
from yuqing.sources.collecting import import_into
from yuqing.sources.models import QuarantinedRecord, Source

pytestmark = pytest.mark.django_db


def _file_source(path: Path, **options) -> Source:
    return Source.objects.create(name=path.name, kind="file", url=str(path), enabled=False, options=options)


def test_import_twice_adds_nothing_and_rejects_go_to_quarantine(tmp_path):
    path = tmp_path / "posts.jsonl"
    rows = [
        {"id": "1", "text": "永城发布通报", "created_at": 1764000000},
        {"id": "2", "text": "同一段文字", "created_at": "2026-11-20T08:00:00+08:00"},
        {"id": "3", "text": "同一段文字", "created_at": "2026-11-20T09:00:00+08:00"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{broken json\n", encoding="utf-8")
    source = _file_source(path)
    first = import_into(source, any_folder=True)
    assert (first.items_new, first.items_rejected) == (3, 1)
    second = import_into(source, any_folder=True)
    assert (second.items_new, second.items_duplicate) == (0, 3)
    assert Document.objects.count() == 3  # same text, different posts: both kept
    reject = QuarantinedRecord.objects.get()
    assert "{broken json" in reject.raw and reject.reason and "4" in reject.where


def test_mapping_renames_fields(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("mid,content,nick\n9,商丘暴雨,某网友\n", encoding="utf-8")
    import_into(_file_source(path, mapping={"mid": "id", "content": "text", "nick": "author"}), any_folder=True)
    doc = Document.objects.get()
    assert (doc.external_id, doc.text, doc.author) == ("9", "商丘暴雨", "某网友")


def _stream_slice(target: Path, rows: int) -> set[str]:
    ids = set()
    with gzip.open(shared_path("stream/ced_weibo_dev.jsonl.gz"), "rt", encoding="utf-8") as src, gzip.open(target, "wt", encoding="utf-8") as out:
        for n, line in enumerate(src):
            if n >= rows:
                break
            out.write(line)
            ids.add(json.loads(line)["id"])
    return ids


@pytest.mark.slow
@pytest.mark.shared_data
def test_killed_import_restarts_and_stores_every_row_once(tmp_path, django_db_blocker):
    """A real `yuqing import` process, SIGKILLed part-way, then run again to the end."""
    data = tmp_path / "stream.jsonl.gz"
    ids = _stream_slice(data, 30_000)
    home = tmp_path / "ws"
    env = {**os.environ, "YUQING_HOME": str(home)}
    env.pop("YUQING_DATABASE_URL", None)
    cmd = [sys.executable, "-m", "yuqing.cli", "import", str(data), "--site", "weibo.com"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_progress(proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored_after_kill = _count(home)
    assert 0 < stored_after_kill < len(ids), "the kill must land part-way through the import"
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert _count(home) == len(ids)
    assert _count(home, "SELECT count(DISTINCT external_id) FROM documents_document") == len(ids)
    assert _count(home, "SELECT count(*) FROM sources_collectionrun WHERE status = 'interrupted'") == 1


def _wait_for_progress(proc: subprocess.Popen, batches: int = 3) -> None:
    """Return once the import has reported `batches` committed batches on stderr."""
    seen: list[str] = []
    reader = threading.Thread(target=lambda: seen.extend(iter(lambda: proc.stderr.read(64), "")), daemon=True)
    reader.start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if "".join(seen).count(" new ·") >= batches:
            return
        time.sleep(0.02)
    raise AssertionError(f"no progress from the import: {''.join(seen)[-500:]}")


def _count(home: Path, sql: str = "SELECT count(*) FROM documents_document") -> int:
    import sqlite3

    with sqlite3.connect(home / "yuqing.sqlite3") as conn:
        return conn.execute(sql).fetchone()[0]


def test_a_line_nested_too_deeply_goes_to_quarantine_and_the_lines_after_it_are_stored(tmp_path):
    path = tmp_path / "posts.jsonl"
    good = [json.dumps({"id": n, "text": "永城发布通报"}, ensure_ascii=False) for n in ("1", "2")]
    path.write_text(good[0] + "\n" + "[" * 100_000 + "\n" + good[1] + "\n", encoding="utf-8")
    source = _file_source(path)
    first = import_into(source, any_folder=True)
    assert (first.items_new, first.items_rejected) == (2, 1)
    assert import_into(source, any_folder=True).items_duplicate == 2  # a re-run passes the line as well
    reject = QuarantinedRecord.objects.get()
    assert "line 2" in reject.where and "recursion" in reject.reason and reject.raw.startswith("[[[")
