"""Real processes on a real workspace, for the kill tests: start, kill -9, restart, wait until idle, compare.

Every process is `python -m yuqing.cli …` on the workspace given, as an operator would run it. The
results are read with plain SQL (sqlite3 or psycopg), so the test never shares a connection with them.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = "3"  # a killed process's work is taken over after this long (30 s in production)
SCHEME = "中国 OR 政府 OR 死 OR 火"


def stream_slice(source: Path, target: Path, count: int) -> Path:
    """The first `count` records of the real Weibo stream (originals, reposts, in time order)."""
    with gzip.open(source, "rt", encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for number, line in enumerate(lines):
            if number >= count:
                break
            out.write(line)
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Workspace:
    home: Path
    database_url: str = ""
    lease_seconds: str = LEASE_SECONDS  # "" for the product's default

    def env(self) -> dict[str, str]:
        env = {**os.environ, "YUQING_HOME": str(self.home), "PYTHONPATH": str(ROOT / "src") + os.pathsep + str(ROOT)}
        env.pop("YUQING_DATABASE_URL", None)
        env.pop("YUQING_LEASE_SECONDS", None)
        if self.lease_seconds:
            env["YUQING_LEASE_SECONDS"] = self.lease_seconds
        if self.database_url:
            env["YUQING_DATABASE_URL"] = self.database_url
        return env

    def start(self, *args: str) -> subprocess.Popen:
        out = (self.home / "process.log").open("a")
        return subprocess.Popen([sys.executable, "-m", "yuqing.cli", *args], env=self.env(), cwd=ROOT,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def ingest_token(self) -> str:
        """A new push-API token of the administrator's, scope ingest, as `yuqing createtoken` prints it."""
        out = subprocess.run([sys.executable, "-m", "yuqing.cli", "createtoken", "admin", "--scope", "ingest"],
                             env=self.env(), cwd=ROOT, check=True, capture_output=True, text=True)
        return out.stdout.strip().splitlines()[-1]

    def run(self, *args: str, timeout: float = 600) -> None:
        subprocess.run([sys.executable, "-m", "yuqing.cli", *args], env=self.env(), cwd=ROOT, check=True,
                       timeout=timeout, capture_output=True)

    def setup(self, expression: str = SCHEME) -> None:
        """A new workspace with one scheme (alert on every story) watching the slice."""
        self.run("init")
        code = ("from yuqing.commands.setup import django_setup; django_setup(None)\n"
                "from django.contrib.auth import get_user_model\n"
                "from tests.monitoring.helpers import scheme\n"
                f"scheme(get_user_model().objects.get(username='admin'), {expression!r}, name='kill test')\n")
        subprocess.run([sys.executable, "-c", code], env=self.env(), cwd=ROOT, check=True, timeout=120)

    def query(self, sql: str) -> list[tuple]:
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url) as conn:
                return [tuple(row) for row in conn.execute(sql).fetchall()]
        with sqlite3.connect(f"file:{self.home / 'yuqing.sqlite3'}?mode=ro", uri=True, timeout=30) as conn:
            return conn.execute(sql).fetchall()

    def idle(self) -> bool:
        waiting = self.query("SELECT (SELECT COUNT(*) FROM documents_document WHERE analyzed_at IS NULL),"
                             " (SELECT COUNT(*) FROM work_task WHERE state IN ('ready', 'running'))")[0]
        return waiting == (0, 0)

    def wait_idle(self, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.idle():
                    return
            except Exception:  # the database is being written: ask again
                pass
            time.sleep(0.5)
        raise AssertionError(f"work still waiting after {timeout:.0f}s: {self.query_waiting()}")

    def query_waiting(self) -> list[tuple]:
        return self.query("SELECT kind, state, attempts, last_error FROM work_task WHERE state != 'done'")

    def outcome(self) -> dict[str, object]:
        """What a user would compare: documents, duplicates, events, matches, alerts and notifications."""
        return {
            "documents": self.query("SELECT COUNT(*), COUNT(DISTINCT dedup_key) FROM documents_document")[0],
            "analysed": self.query("SELECT COUNT(*) FROM documents_document WHERE analyzed_at IS NOT NULL")[0][0],
            "duplicates": set(self.query(
                "SELECT external_id, duplicate_of FROM documents_document WHERE duplicate_of != ''")),
            "stories": _partition(self.query(
                "SELECT story_id, external_id FROM documents_document WHERE story_id != ''")),
            "events": _partition(self.query(
                "SELECT event_id, external_id FROM documents_document WHERE event_id != ''")),
            "matches": self.query("SELECT COUNT(*) FROM monitoring_schemematch")[0][0],
            "alerts": _partition(self.query(
                "SELECT a.alert_id, d.external_id FROM monitoring_alertdocument a"
                " JOIN documents_document d ON d.id = a.document_id")),
            "notifications": self.query("SELECT COUNT(*), COUNT(DISTINCT subject) FROM notifications_notification")[0],
        }

    def times_analysed(self) -> dict[str, int]:
        """How many times each document was handed on as analysed (one task per batch and handler)."""
        counts: dict[str, int] = {}
        for (payload,) in self.query("SELECT payload FROM work_task WHERE kind = 'event'"):
            task = json.loads(payload) if isinstance(payload, str) else payload
            if task["event"] == "documents.analyzed" and task["handler"].endswith("on_analyzed"):
                for doc in task["payload"]["documents"]:
                    counts[doc["pk"]] = counts.get(doc["pk"], 0) + 1
        return counts


def _partition(rows: list[tuple]) -> set[frozenset]:
    groups: dict[object, set] = {}
    for group, member in rows:
        groups.setdefault(group, set()).add(member)
    return {frozenset(members) for members in groups.values()}


def kill(process: subprocess.Popen) -> None:
    """SIGKILL, as a crash or the OOM killer would: no clean-up runs."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        kill(process)


def postgres_database(base_url: str, name: str) -> str:
    """A new empty database beside `base_url`'s (dropped first if a killed run left it)."""
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return base_url.rsplit("/", 1)[0] + "/" + name


def drop_postgres_database(base_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def owner(workspace: Workspace, lease: str) -> tuple[str, int] | None:
    """Who holds `lease` now (holder, epoch), or None."""
    rows = workspace.query(f"SELECT holder, epoch, expires_at FROM work_lease WHERE name = '{lease}' AND holder != ''")
    return (rows[0][0], rows[0][1]) if rows else None


def wait_for(predicate, timeout: float, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception:  # the database is being written: ask again
            value = None
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"not within {timeout:.0f}s")
