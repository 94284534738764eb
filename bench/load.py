#!/usr/bin/env python
"""Pages under load: N logged-in users browsing a real `yuqing up` (SQLite), without and during an import.

    .venv/bin/python bench/load.py [--users 50] [--duration 60] [--rate 1000] [--think 0]

A fresh workspace with the demo data (`yuqing demo --seed-only`) gets `--users` accounts, spread
over the roles as an office has them (officers in three counties, unit heads, editors, chief
editors, leaders, analysts, duty officers, administrators). `yuqing up` serves it as a deployment
on the embedded default would. Every user logs in through the login form, then loads, one after the
other and without pause (`--think` adds one), the pages of their role: the overview and the
dashboard's figures (briefings/dashboard.json, which the overview's script loads), search with and
without a query, a document, alerts, an alert, schemes, the duty roster, incidents, an incident,
submissions, information needs, briefings, a briefing, bulletins, forwarding, sources, the
organisation, the inbox and channels — those of them the role may open (probed once; a 403 is not
measured). The login page is in every user's round, as the baseline: the cheapest page, served by
the same process under the same load, so `×login` (a page's p95 over the login page's p95) says
what a page costs beyond the machine's noise. Users that never pause keep the server's queue full:
then every page, the login page too, waits about users ÷ throughput, and the `alone` column (the
median of `--alone` rounds of every page by one administrator, before the load) shows what each
page itself costs.

Phase 1 browses for `--duration` seconds. Phase 2 browses as long again while a collector elsewhere
pushes real posts (the Weibo stream, re-dated to now) to `POST /api/documents` with an ingest token,
in batches, aiming at `--rate` posts per second; the achieved rate and the analysis backlog are
printed. The load generator (one asyncio loop, httpx) runs on the same machine as the server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.shared_data import SHARED_DATA as SHARED  # noqa: E402
from tests.work.harness import Workspace, free_port, stop, wait_for  # noqa: E402

from alert_latency import stream_rows  # noqa: E402  (bench/ is on the path when a bench runs)

PASSWORD = "Load-test-pw-2026"
# role, unit code (None: no unit), whether the user has an officer file; cycled over the users
ROLES = [("officer", "DEMO-DC", True), ("officer", "DEMO-XS", True), ("officer", "DEMO-NH", True),
         ("unit_head", "DEMO-XS", False), ("editor", "DEMO-CITY", False), ("chief_editor", "DEMO-CITY", False),
         ("leader", None, False), ("analyst", None, False), ("duty_officer", None, False), ("admin", None, False)]
# label -> path; {document}, {alert}, … are filled with an id of the demo data
PAGES = {
    "login (baseline)": "/login/",
    "overview": "/",
    "dashboard.json": "/briefings/dashboard.json",
    "search": "/documents/",
    "search ?q=": "/documents/?q=%E7%81%AB%E7%81%BE%20OR%20%E6%9A%B4%E9%9B%A8",  # 火灾 OR 暴雨
    "document": "/documents/{document}/",
    "alerts": "/monitoring/alerts/",
    "alert": "/monitoring/alerts/{alert}/",
    "schemes": "/monitoring/",
    "duty": "/monitoring/duty/",
    "incidents": "/incidents/",
    "incident": "/incidents/{incident}/",
    "submissions": "/submissions/",
    "needs": "/submissions/needs/",
    "briefings": "/briefings/",
    "briefing": "/briefings/{briefing}/",
    "bulletins": "/bulletins/",
    "forwarding": "/forwarding/",
    "sources": "/sources/",
    "organisation": "/units/",
    "inbox": "/notifications/",
    "channels": "/notifications/channels/",
}

USERS_CODE = """
from yuqing.commands.setup import django_setup; django_setup(None)
import json, sys
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from yuqing.units.actions import create_officer, set_membership
from yuqing.units.models import Unit
roles, count, password = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
User = get_user_model()
for n in range(count):
    role, unit, officer = roles[n % len(roles)]
    user = User.objects.create_user(f"load{n:03d}", "", password, first_name=f"压测用户{n:03d}（演示）")
    user.groups.add(Group.objects.get(name=role))
    if officer:
        create_officer(None, name=user.first_name, unit=Unit.objects.get(code=unit), user=user, post="信息员")
    elif unit:
        set_membership(None, user=user, unit=Unit.objects.get(code=unit))
from yuqing.documents.models import Document
from yuqing.monitoring.models import Alert
from yuqing.incidents.models import Incident
from yuqing.briefings.models import Briefing
print(json.dumps({"document": Document.objects.order_by("-published_at").values_list("pk", flat=True).first(),
                  "alert": Alert.objects.order_by("-pk").values_list("pk", flat=True).first(),
                  "incident": Incident.objects.order_by("pk").values_list("pk", flat=True).first(),
                  "briefing": Briefing.objects.order_by("pk").values_list("pk", flat=True).first()}))
"""


def prepare(home: Path, users: int) -> dict:
    workspace = Workspace(home, lease_seconds="")
    workspace.run("demo", "--seed-only", timeout=900)
    out = subprocess.run([sys.executable, "-c", USERS_CODE, json.dumps(ROLES), str(users), PASSWORD],
                         env=workspace.env(), cwd=ROOT, check=True, capture_output=True, text=True, timeout=600)
    ids = json.loads(out.stdout.strip().splitlines()[-1])
    return {"workspace": workspace, "ids": ids, "token": workspace.ingest_token()}


async def login(client: httpx.AsyncClient, username: str) -> None:
    await client.get("/login/")
    response = await client.post("/login/", data={"username": username, "password": PASSWORD,
                                                  "csrfmiddlewaretoken": client.cookies["csrftoken"]},
                                 headers={"Referer": str(client.base_url) + "/login/"})
    if response.status_code != 302:
        raise SystemExit(f"{username} could not log in: {response.status_code}")


async def pages_for(client: httpx.AsyncClient, pages: dict[str, str]) -> dict[str, str]:
    """The pages this user's role may open (a refused one is not measured)."""
    allowed = {}
    for label, path in pages.items():
        response = await client.get(path)
        if response.status_code == 200:
            allowed[label] = path
    return allowed


class Recorder:
    def __init__(self) -> None:
        self.phase = ""
        self.times: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        self.errors: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def record(self, label: str, seconds: float, ok: bool) -> None:
        if self.phase:
            self.times[self.phase][label].append(seconds)
            if not ok:
                self.errors[self.phase][label] += 1


async def browse(client: httpx.AsyncClient, pages: dict[str, str], recorder: Recorder, stop_at: list[float],
                 think: float, seed: int) -> None:
    order = list(pages.items())
    rng = random.Random(seed)
    if think:  # users arrive at random moments, not all at the phase's first instant
        await asyncio.sleep(rng.uniform(0, 2 * think))
    while time.monotonic() < stop_at[0]:
        rng.shuffle(order)
        for label, path in order:
            if time.monotonic() >= stop_at[0]:
                return
            start = time.perf_counter()
            try:
                response = await client.get(path)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            recorder.record(label, time.perf_counter() - start, ok)
            if think:
                await asyncio.sleep(rng.uniform(0, 2 * think))


async def push(base: str, token: str, rows: list[dict], rate: int, stop_at: list[float], result: dict) -> None:
    """Batches every 0.5 s aiming at `rate` posts a second (a slow answer delays the next batch)."""
    size = max(1, rate // 2)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    start, sent, n = time.monotonic(), 0, 0
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        while time.monotonic() < stop_at[0]:
            now = datetime.now(timezone.utc).isoformat()
            batch = [{"id": f"load-{n + i}", "text": row["text"], "site": "weibo.com", "author": row.get("author") or "",
                      "created_at": now} for i, row in enumerate(rows[n % len(rows):][:size])]
            n += len(batch)
            response = await client.post("/api/documents", content=json.dumps(batch, ensure_ascii=False).encode(),
                                         headers=headers)
            if response.status_code == 200:
                sent += len(batch)
                result["stored"] += response.json()["stored"]
            else:
                result["refused"] += 1
            result["batches"] += 1
            result["latencies"].append(response.elapsed.total_seconds())
            wait = start + sent / rate - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
    result["posts"] = sent
    result["seconds"] = time.monotonic() - start


async def run(args: argparse.Namespace, prepared: dict, port: int) -> dict:
    base = f"http://127.0.0.1:{port}"
    ids = prepared["ids"]
    pages = {label: path.format(**ids) for label, path in PAGES.items()
             if all(ids.get(key) for key in ("document", "alert", "incident", "briefing") if "{" + key + "}" in path)}
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=4)
    clients = [httpx.AsyncClient(base_url=base, timeout=120, limits=limits, follow_redirects=False)
               for _ in range(args.users)]
    recorder = Recorder()
    try:
        started = time.perf_counter()
        for n, client in enumerate(clients):
            await login(client, f"load{n:03d}")
        print(f"{args.users} users logged in ({time.perf_counter() - started:.1f}s)", file=sys.stderr)
        allowed = await asyncio.gather(*(pages_for(client, pages) for client in clients[: len(ROLES)]))
        per_user = [allowed[n % len(ROLES)] for n in range(args.users)]
        admin = max(range(len(allowed)), key=lambda n: len(allowed[n]))  # the administrator, with 50 users
        alone: dict[str, list[float]] = defaultdict(list)  # each page by itself: what it costs without a queue
        for _ in range(args.alone):
            for label, path in allowed[admin].items():
                start = time.perf_counter()
                await clients[admin].get(path)
                alone[label].append(time.perf_counter() - start)
        for warm in (2.0,):  # a short unmeasured round: caches, imports, the first connection
            stop_at = [time.monotonic() + warm]
            await asyncio.gather(*(browse(c, p, recorder, stop_at, args.think, n) for n, (c, p) in enumerate(zip(clients, per_user))))
        results = {}
        for phase in ("browsing", "browsing + import"):
            recorder.phase = phase
            stop_at = [time.monotonic() + args.duration]
            tasks = [browse(c, p, recorder, stop_at, args.think, n) for n, (c, p) in enumerate(zip(clients, per_user))]
            pushed = {"posts": 0, "stored": 0, "refused": 0, "batches": 0, "latencies": []}
            if phase.endswith("import") and args.rate:
                tasks.append(push(base, prepared["token"], prepared["rows"], args.rate, stop_at, pushed))
            started = time.monotonic()
            await asyncio.gather(*tasks)
            results[phase] = {"seconds": time.monotonic() - started, "import": pushed}
            recorder.phase = ""
        return {"recorder": recorder, "results": results, "alone": alone}
    finally:
        for client in clients:
            await client.aclose()


def quantiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return (values[0], values[0]) if values else (float("nan"), float("nan"))
    q = statistics.quantiles(values, n=100, method="inclusive")
    return q[49], q[94]


def report(args: argparse.Namespace, outcome: dict, workspace: Workspace) -> dict:
    recorder, results, alone = outcome["recorder"], outcome["results"], outcome["alone"]
    summary: dict = {}
    for phase, times in recorder.times.items():
        seconds = results[phase]["seconds"]
        total = sum(len(v) for v in times.values())
        every = [t for v in times.values() for t in v if v is not times.get("login (baseline)")]
        base50, base95 = quantiles(times.get("login (baseline)", []))
        print(f"\n{phase}: {args.users} users, {seconds:.0f} s, {total} requests ({total / seconds:.0f}/s), "
              f"errors {sum(recorder.errors[phase].values())}")
        imported = results[phase]["import"]
        if imported["batches"]:
            lat = quantiles(imported["latencies"])
            print(f"  import: {imported['posts']} posts ({imported['stored']} stored) in {imported['batches']} batches = "
                  f"{imported['posts'] / results[phase]['seconds']:.0f} posts/s (target {args.rate}), "
                  f"{imported['refused']} batches refused, batch answer p50 {lat[0] * 1000:.0f} ms p95 {lat[1] * 1000:.0f} ms")
        print(f"  {'page':<18}{'n':>6}{'err':>5}{'p50 ms':>9}{'p95 ms':>9}{'×login':>8}{'alone ms':>10}")
        rows = {}
        for label in PAGES:
            if label not in times:
                continue
            p50, p95 = quantiles(times[label])
            single = statistics.median(alone[label]) if alone.get(label) else float("nan")
            rows[label] = {"n": len(times[label]), "errors": recorder.errors[phase][label], "p50": p50, "p95": p95,
                           "alone": single}
            print(f"  {label:<18}{len(times[label]):>6}{recorder.errors[phase][label]:>5}{p50 * 1000:>9.0f}"
                  f"{p95 * 1000:>9.0f}{p95 / base95:>8.1f}{single * 1000:>10.0f}")
        p50, p95 = quantiles(every)
        print(f"  {'all pages':<18}{len(every):>6}{'':>5}{p50 * 1000:>9.0f}{p95 * 1000:>9.0f}{p95 / base95:>8.1f}")
        summary[phase] = {"requests": total, "seconds": seconds, "pages": rows, "all": {"p50": p50, "p95": p95},
                          "import": {k: v for k, v in imported.items() if k != "latencies"}}
    waiting = workspace.query("SELECT COUNT(*) FROM documents_document WHERE analyzed_at IS NULL")[0][0]
    print(f"\nanalysis backlog at the end: {waiting} documents not yet analysed")
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="seconds of browsing per phase")
    parser.add_argument("--rate", type=int, default=1000, help="posts per second pushed during phase 2 (0: none)")
    parser.add_argument("--think", type=float, default=0, help="mean pause between a user's pages, seconds")
    parser.add_argument("--alone", type=int, default=5, help="rounds of every page by one user before the load (the 'alone' column)")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the workspace")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="yq-load-"))
    started = time.perf_counter()
    prepared = prepare(home, args.users)
    prepared["rows"] = stream_rows(max(2000, int(args.rate * args.duration * 1.2)), SHARED / "stream" / "ced_weibo_dev.jsonl.gz")
    print(f"workspace {home}: demo data and {args.users} users ({time.perf_counter() - started:.0f}s)", file=sys.stderr)
    port = free_port()
    workspace = prepared["workspace"]
    server = workspace.start("up", "--port", str(port))
    try:
        wait_for(lambda: httpx.get(f"http://127.0.0.1:{port}/login/", timeout=2).status_code == 200, 120, step=0.5)
        outcome = asyncio.run(run(args, prepared, port))
        summary = report(args, outcome, workspace)
    finally:
        stop(server)
    if args.json:
        Path(args.json).write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    if not args.keep:
        import shutil

        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
