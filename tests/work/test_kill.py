"""Kill -9 at random points while a real stream is imported and analysed: nothing lost, nothing twice.

The same slice of the real Weibo stream goes into two workspaces: once through one undisturbed
process (the reference), once while `yuqing up` is killed with SIGKILL five times and the import
once, each restarted. Afterwards every post is stored once and analysed once, and the duplicate
groups, events, scheme matches, alerts and notifications equal the reference's.
"""

from __future__ import annotations

import os
import random
import time

import pytest

from tests.shared_data import shared_path
from tests.work.harness import (Workspace, drop_postgres_database, free_port, kill, owner, postgres_database, stop,
                                stream_slice, wait_for)

POSTS = 4000
KILLS = 6


@pytest.fixture(scope="module")
def posts(tmp_path_factory):
    return stream_slice(shared_path("stream/ced_weibo_dev.jsonl.gz"), tmp_path_factory.mktemp("input") / "stream.jsonl", POSTS)


@pytest.fixture(scope="module")
def reference(posts, tmp_path_factory):
    workspace = Workspace(tmp_path_factory.mktemp("reference"))
    workspace.setup()
    workspace.run("import", str(posts), "--site", "weibo.com")  # one process: import, analyse, alert
    workspace.wait_idle()
    return workspace.outcome()


def test_killing_the_embedded_server_during_import_and_analysis_loses_nothing(posts, reference, tmp_path):
    workspace = Workspace(tmp_path)
    workspace.setup()
    chance = random.Random(20261206)
    port = free_port()
    server = workspace.start("up", "--port", str(port))
    importer = workspace.start("import", str(posts), "--site", "weibo.com")
    for kill_number in range(KILLS):
        time.sleep(chance.uniform(0.8, 3.0))
        kill(server)
        if kill_number in (2, 4):
            kill(importer)
            importer = workspace.start("import", str(posts), "--site", "weibo.com")
        server = workspace.start("up", "--port", str(port))
    assert importer.wait(timeout=600) == 0
    workspace.wait_idle()
    stop(server)
    assert_same(workspace, reference)


def test_when_the_owner_is_killed_another_process_takes_over_within_ten_seconds(posts, reference, tmp_path):
    workspace = Workspace(tmp_path, lease_seconds="")  # the product's default lease, not the tests' short one
    workspace.setup()
    first = workspace.start("worker")
    wait_for(lambda: all(_held_by(workspace, lease, first) for lease in ("analysis", "scheduler")), 120)
    second = workspace.start("worker")
    importer = workspace.start("import", str(posts), "--site", "weibo.com")
    wait_for(lambda: workspace.query("SELECT COUNT(*) FROM documents_document WHERE analyzed_at IS NOT NULL")[0][0] > 500, 300)
    kill(first)
    killed = time.monotonic()
    for lease in ("analysis", "scheduler"):
        wait_for(lambda: _taken_from(workspace, lease, first), 10.0 - (time.monotonic() - killed))
    assert importer.wait(timeout=600) == 0
    workspace.wait_idle()
    stop(second)
    assert_same(workspace, reference)


def _held_by(workspace: Workspace, lease: str, process) -> bool:
    holder = owner(workspace, lease)
    return bool(holder) and f":{process.pid}:" in holder[0]


def _taken_from(workspace: Workspace, lease: str, process) -> bool:
    holder = owner(workspace, lease)
    return bool(holder) and f":{process.pid}:" not in holder[0]


def _alerts_apart(workspace: Workspace, outcome: dict, reference: dict) -> str:
    """Where the alerts differ: each post of an alert only this run has, with its event, its alert's
    group and when each was made (the evidence a flaky difference needs)."""
    posts = sorted({post for group in outcome["alerts"] - reference["alerts"] for post in group})[:20]
    quoted = ", ".join("'" + post.replace("'", "''") + "'" for post in posts)
    rows = workspace.query(
        "SELECT d.external_id, d.id, d.event_id, d.analyzed_at, al.id, al.group_key, al.created_at"
        " FROM documents_document d JOIN monitoring_alertdocument a ON a.document_id = d.id"
        f" JOIN monitoring_alert al ON al.id = a.alert_id WHERE d.external_id IN ({quoted}) ORDER BY d.id") if posts else []
    return "alerts differ; posts of alerts only this run has:\n" + "\n".join(map(str, rows))


def assert_same(workspace: Workspace, reference: dict) -> None:
    outcome = workspace.outcome()
    total, distinct = outcome["documents"]
    assert total == distinct == reference["documents"][0] > 0
    assert outcome["analysed"] == total
    for part in ("duplicates", "stories", "events", "matches", "alerts", "notifications"):
        assert outcome[part] == reference[part], part if part != "alerts" else _alerts_apart(workspace, outcome, reference)
    assert set(workspace.times_analysed().values()) == {1}, "a document was analysed twice (or not handed on)"
    assert reference["matches"] > 0 and reference["alerts"], "the slice raised no alert: the test would prove nothing"


@pytest.fixture
def postgres():
    base = os.environ.get("YUQING_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("set YUQING_TEST_POSTGRES_URL to run the PostgreSQL kill test")
    names = []

    def database(name: str) -> str:
        names.append(name)
        return postgres_database(base, name)

    yield database
    for name in names:
        drop_postgres_database(base, name)


def test_two_workers_on_postgresql_one_killed_again_and_again_lose_nothing(posts, postgres, tmp_path):
    reference = Workspace(tmp_path / "reference", postgres("yuqing_kill_reference"))
    reference.home.mkdir()
    reference.setup()
    reference.run("import", str(posts), "--site", "weibo.com")
    reference.wait_idle()
    workspace = Workspace(tmp_path / "killed", postgres("yuqing_kill_workers"))
    workspace.home.mkdir()
    workspace.setup()
    chance = random.Random(6)
    workers = [workspace.start("worker"), workspace.start("worker")]
    importer = workspace.start("import", str(posts), "--site", "weibo.com")
    for _ in range(KILLS):
        time.sleep(chance.uniform(0.8, 3.0))
        victim = chance.randrange(2)
        kill(workers[victim])
        workers[victim] = workspace.start("worker")
    assert importer.wait(timeout=600) == 0
    workspace.wait_idle()
    for worker in workers:
        stop(worker)
    assert_same(workspace, reference.outcome())
