#!/usr/bin/env python
"""Ingest → alert delivered, as real processes: `yuqing up` on SQLite, and `yuqing web` + 2 workers on PostgreSQL.

    .venv/bin/python bench/alert_latency_processes.py [--posts 200] [--postgres postgresql://postgres@127.0.0.1:5432/postgres]

Posts of the real Weibo stream (re-dated to now) are pushed one at a time to the push API over
HTTP, every `--every` seconds, as a collector elsewhere would. A scheme alerts on every story, and
an office-wide signed-webhook channel sends alerts to a receiver this script serves on 127.0.0.1.
For each alert, from its first post being stored (the document's `collected_at`, written in the
push request's transaction) to:
- told: the alert's first "notified" step (stamped when the matcher took the batch, written in
  the transaction that puts the message in the inbox);
- delivered: the first webhook call about the alert reaching the receiver.
All stamped by this machine's clock. (The inbox row itself is no measure: a growing story's newer
message replaces the unread one and takes its time.) Side by side in one run: the embedded
default and, with --postgres, the two-worker deployment (the web process only writes rows).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.shared_data import SHARED_DATA as SHARED  # noqa: E402
from tests.work.harness import (Workspace, drop_postgres_database, free_port, postgres_database, stop,  # noqa: E402
                                stream_slice, wait_for)



def push(port: int, key: str, row: dict, n: int) -> None:
    record = {"id": f"live-{n}", "text": row["text"], "site": "weibo.com", "author": row.get("author") or "",
              "created_at": datetime.now(timezone.utc).isoformat()}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/documents", data=json.dumps([record]).encode(),
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()


class Receiver(ThreadingHTTPServer):
    """A webhook receiver on 127.0.0.1: when the first call about each alert arrived."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Hook)
        self.first: dict[int, float] = {}
        self.calls = 0
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


class _Hook(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        at = time.time()
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        found = re.search(r"/alerts/(\d+)/", str(body.get("link", "")))
        if found:
            self.server.first.setdefault(int(found.group(1)), at)
        self.server.calls += 1
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *_: object) -> None:
        pass


def first_posts(workspace: Workspace) -> dict[int, float]:
    """Each alert's first post's store time, less the warm-up alert."""
    rows = workspace.query(
        "SELECT a.id, MIN(d.collected_at) FROM monitoring_alert a JOIN monitoring_alertdocument ad ON ad.alert_id = a.id"
        " JOIN documents_document d ON d.id = ad.document_id GROUP BY a.id")
    first_post = {alert: _time(at) for alert, at in rows}
    warm_up = workspace.query("SELECT MIN(a.id) FROM monitoring_alert a")[0][0]
    first_post.pop(warm_up, None)
    return first_post


def latencies(workspace: Workspace, receiver: Receiver) -> dict[str, list[float]]:
    first_post = first_posts(workspace)
    told = dict(workspace.query("SELECT alert_id, MIN(at) FROM monitoring_alertstep WHERE action = 'notified'"
                                " GROUP BY alert_id"))
    return {"told": [_time(told[alert]) - at for alert, at in first_post.items() if alert in told],
            "delivered": [receiver.first[alert] - at for alert, at in first_post.items() if alert in receiver.first],
            "alerts": [float(len(first_post))]}


def _time(value) -> float:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=value.tzinfo or timezone.utc).timestamp()


def measure(label: str, workspace: Workspace, commands: list[list[str]], port: int, rows: list[dict],
            every: float) -> dict[str, list[float]]:
    workspace.setup(expression="的 OR 了 OR 是 OR 在")  # most posts: many alerts to time
    receiver = Receiver()
    add_channel(workspace, receiver.url)
    key = workspace.ingest_token()
    processes = [workspace.start(*command) for command in commands]
    try:
        wait_for(lambda: _answers(port), 120, step=0.5)
        push(port, key, {"text": "开始的测试"}, -1)  # an alert before the clock matters: pipeline, rule set, links
        time.sleep(5)
        for n, row in enumerate(rows):
            push(port, key, row, n)
            time.sleep(every)
        workspace.wait_idle(timeout=600)
        wait_for(lambda: _delivered(workspace), 60, step=0.5)
        return latencies(workspace, receiver)
    finally:
        for process in processes:
            stop(process)


def add_channel(workspace: Workspace, url: str) -> None:
    """An office-wide signed webhook that takes alerts: every alert is delivered to `url`."""
    import subprocess

    code = ("from yuqing.commands.setup import django_setup; django_setup(None)\n"
            "from yuqing.notifications.models import Channel\n"
            f"Channel.objects.create(name='bench receiver', kind='webhook', target={url!r}, secret='s', kinds='alert')\n")
    subprocess.run([sys.executable, "-c", code], env=workspace.env(), cwd=ROOT, check=True, timeout=120)


def _delivered(workspace: Workspace) -> bool:
    return workspace.query("SELECT COUNT(*) FROM notifications_delivery WHERE status IN ('pending', 'sending')")[0][0] == 0


def _answers(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2).read()
        return True
    except Exception:
        return False


def report(label: str, values: list[float]) -> None:
    if len(values) < 2:
        print(f"{label:<44} too few alerts ({len(values)})")
        return
    q = statistics.quantiles(values, n=100, method="inclusive")
    print(f"{label:<44}{len(values):>7}{q[49] * 1000:>10.0f}ms{q[94] * 1000:>10.0f}ms{max(values) * 1000:>10.0f}ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--every", type=float, default=0.2, help="seconds between pushed posts")
    parser.add_argument("--postgres", help="also the deployment: a database URL whose server may create databases")
    args = parser.parse_args()
    os.environ["YUQING_FETCH_ALLOW_NETWORKS"] = "127.0.0.1/32"  # the processes may call the receiver here
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
    print(f"{'ingest -> alert':<44}{'alerts':>7}{'p50':>12}{'p95':>12}{'max':>12}")
    for label, found in results.items():
        print(f"{label}: {found['alerts'][0]:.0f} alerts after the warm-up one")
        report("  told (in the inbox)", found["told"])
        report("  delivered (webhook received)", found["delivered"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
