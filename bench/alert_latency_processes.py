#!/usr/bin/env python
"""Ingest → alert delivered, as real processes: `yuqing up` on SQLite, and `yuqing web` + 2 workers on PostgreSQL.

    .venv/bin/python bench/alert_latency_processes.py [--posts 200] [--postgres postgresql://postgres@127.0.0.1:5432/postgres]

Posts of the real Weibo stream (re-dated to now) are pushed one at a time to the push API over
HTTP, every `--every` seconds, as a collector elsewhere would. A scheme alerts on every story.
The latency of an alert is the time from its first post being stored (the document's
`collected_at`, written in the push request's transaction) to the first notification of the
alert being written (what the inbox and the channels deliver from), both read from the database,
both stamped by this machine's clock. Side by side in one run: the embedded default and, with
--postgres, the two-worker deployment (workers poll every 0.5 s; the web process only writes rows).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.shared_data import SHARED_DATA as SHARED  # noqa: E402
from tests.work.harness import (Workspace, drop_postgres_database, free_port, postgres_database, stop,  # noqa: E402
                                stream_slice, wait_for)



def token(workspace: Workspace) -> str:
    import subprocess

    out = subprocess.run([sys.executable, "-m", "yuqing.cli", "createtoken", "admin", "--scope", "ingest"],
                         env=workspace.env(), cwd=ROOT, check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def push(port: int, key: str, row: dict, n: int) -> None:
    record = {"id": f"live-{n}", "text": row["text"], "site": "weibo.com", "author": row.get("author") or "",
              "created_at": datetime.now(timezone.utc).isoformat()}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/documents", data=json.dumps([record]).encode(),
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()


def latencies(workspace: Workspace) -> list[float]:
    rows = workspace.query(
        "SELECT a.id, MIN(d.collected_at) FROM monitoring_alert a JOIN monitoring_alertdocument ad ON ad.alert_id = a.id"
        " JOIN documents_document d ON d.id = ad.document_id GROUP BY a.id")
    first_post = {alert: _time(at) for alert, at in rows}
    notes = workspace.query("SELECT subject, MIN(created_at) FROM notifications_notification"
                            " WHERE subject LIKE 'monitoring.alert:%' GROUP BY subject")
    warm_up = workspace.query("SELECT MIN(a.id) FROM monitoring_alert a")[0][0]
    first_post.pop(warm_up, None)
    return [_time(at) - first_post[int(subject.split(":")[1])] for subject, at in notes
            if int(subject.split(":")[1]) in first_post]


def _time(value) -> float:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=value.tzinfo or timezone.utc).timestamp()


def measure(label: str, workspace: Workspace, commands: list[list[str]], port: int, rows: list[dict], every: float) -> list[float]:
    workspace.setup(expression="的 OR 了 OR 是 OR 在")  # most posts: many alerts to time
    key = token(workspace)
    processes = [workspace.start(*command) for command in commands]
    try:
        wait_for(lambda: _answers(port), 120, step=0.5)
        push(port, key, {"text": "开始的测试"}, -1)  # an alert before the clock matters: pipeline, rule set, links
        time.sleep(5)
        for n, row in enumerate(rows):
            push(port, key, row, n)
            time.sleep(every)
        workspace.wait_idle(timeout=600)
        return latencies(workspace)
    finally:
        for process in processes:
            stop(process)


def _answers(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2).read()
        return True
    except Exception:
        return False


def report(label: str, values: list[float]) -> None:
    if len(values) < 2:
        print(f"{label:<34} too few alerts ({len(values)})")
        return
    q = statistics.quantiles(values, n=100, method="inclusive")
    print(f"{label:<34}{len(values):>7}{q[49] * 1000:>10.0f}ms{q[94] * 1000:>10.0f}ms{max(values) * 1000:>10.0f}ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--every", type=float, default=0.2, help="seconds between pushed posts")
    parser.add_argument("--postgres", help="also the deployment: a database URL whose server may create databases")
    args = parser.parse_args()
    source = stream_slice(SHARED / "stream" / "ced_weibo_dev.jsonl.gz", Path(tempfile.mkdtemp()) / "s.jsonl", args.posts * 20)
    rows = [row for row in map(json.loads, source.open(encoding="utf-8")) if len(row.get("text") or "") >= 8][: args.posts]
    results = {}
    port = free_port()
    embedded = Workspace(Path(tempfile.mkdtemp(prefix="yq-lat-up-")), lease_seconds="")
    results["yuqing up (SQLite)"] = measure("up", embedded, [["up", "--port", str(port)]], port, rows, args.every)
    if args.postgres:
        url = postgres_database(args.postgres, "yuqing_latency")
        try:
            port = free_port()
            deployed = Workspace(Path(tempfile.mkdtemp(prefix="yq-lat-pg-")), url, lease_seconds="")
            commands = [["web", "--port", str(port)], ["worker"], ["worker"]]
            results["web + 2 workers (PostgreSQL)"] = measure("workers", deployed, commands, port, rows, args.every)
        finally:
            drop_postgres_database(args.postgres, "yuqing_latency")
    print(f"{'ingest -> alert notification':<34}{'alerts':>7}{'p50':>12}{'p95':>12}{'max':>12}")
    for label, values in results.items():
        report(label, values)
    return 0


if __name__ == "__main__":
    sys.exit(main())
