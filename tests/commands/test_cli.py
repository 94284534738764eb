"""The `yuqing` command as a user runs it: separate processes on a fresh workspace."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.collect.server import TestSite

pytestmark = pytest.mark.slow


def yuqing(home: Path, *args: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    environment = {**os.environ, "YUQING_HOME": str(home), **(env or {})}
    environment.pop("YUQING_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "yuqing.cli", *args], env=environment, capture_output=True, text=True, timeout=timeout)


def test_demo_seed_then_search(tmp_path):
    home = tmp_path / "ws"
    seeded = yuqing(home, "demo", "--seed-only")
    assert seeded.returncode == 0, seeded.stderr
    assert "admin" in seeded.stdout and (home / "admin-password.txt").exists()
    again = yuqing(home, "demo", "--seed-only")
    assert "0 fictional documents added" in again.stderr  # seeding is idempotent
    count = yuqing(home, "search", "永城 AND 化工厂", "--count")
    assert count.returncode == 0 and int(count.stdout) > 10
    lines = yuqing(home, "search", "永城 AND 化工厂", "--json", "--limit", "3").stdout.splitlines()
    assert len(lines) == 3 and all("化工厂" in json.loads(line)["text"] + json.loads(line)["title"] for line in lines)
    bad = yuqing(home, "search", "永城 AND (")
    assert bad.returncode == 2 and "position" not in bad.stderr and "(" in bad.stderr


def test_search_without_a_workspace_says_what_to_do(tmp_path):
    result = yuqing(tmp_path / "none", "search", "永城")
    assert result.returncode == 2 and "yuqing init" in result.stderr


def test_import_reports_counts_and_mapping_errors(tmp_path):
    data = tmp_path / "a.jsonl"
    data.write_text('{"mid": "1", "content": "商丘暴雨", "created_at": 1764000000}\n', encoding="utf-8")
    home = tmp_path / "ws"
    ok = yuqing(home, "import", str(data), "--map", "mid=id", "--map", "content=text")
    assert ok.returncode == 0 and "1 new" in ok.stdout
    bad = yuqing(home, "import", str(data), "--map", "nonsense")
    assert bad.returncode == 2 and "THEIRS=OURS" in bad.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_up_serves_pages_and_collects_on_schedule(tmp_path):
    site = TestSite("disallow").start()
    home, port = tmp_path / "ws", _free_port()
    assert yuqing(home, "init").returncode == 0
    with sqlite3.connect(home / "yuqing.sqlite3") as db:
        db.execute("INSERT INTO sources_source (name, kind, url, site, schedule_minutes, enabled, options, created_at, "
                   "consecutive_failures, items_seen, last_error, etag, last_modified) VALUES "
                   "('feed', 'feed', ?, '', 30, 1, '{}', '2026-01-01', 0, 0, '', '', '')", [site.url("/feed.xml")])
    env = {**os.environ, "YUQING_HOME": str(home), "YUQING_FETCH_ALLOW_NETWORKS": "127.0.0.1/32"}
    env.pop("YUQING_DATABASE_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "yuqing.cli", "up", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert _wait(lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/login/").status == 200)
        assert _wait(lambda: _documents(home) > 0), "the background worker collected nothing"
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/login/").read().decode()
        assert "登录" in page
    finally:
        server.terminate()
        server.wait(timeout=20)
        site.stop()


def _documents(home: Path) -> int:
    with sqlite3.connect(home / "yuqing.sqlite3") as db:
        return db.execute("SELECT count(*) FROM documents_document").fetchone()[0]


def _wait(check, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except Exception:
            pass
        time.sleep(0.3)
    return False


def test_corrections_export_writes_a_training_file(tmp_path):
    home = tmp_path / "ws"
    assert yuqing(home, "init").returncode == 0
    out = tmp_path / "corrections.jsonl"
    result = yuqing(home, "corrections", "export", "-o", str(out))
    assert result.returncode == 0 and "0 corrected documents" in result.stderr and out.read_text() == ""
    missing = yuqing(tmp_path / "none", "corrections", "export", "-o", str(out))
    assert missing.returncode == 2 and "yuqing init" in missing.stderr
