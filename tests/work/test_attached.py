"""`yuqing up` runs its work in a child worker process: woken at once by the server's commits,
started again when it dies, and gone when the server goes, even when the server is killed."""

from __future__ import annotations

import os
import signal
import sys

import httpx

from tests.work.harness import Workspace, free_port, stop, wait_for
from yuqing.work.attached import AttachedWorker

POST = {"text": "永城市今天发生火灾，消防正在扑救", "site": "weibo.com"}


def push(port: int, token: str, external_id: str) -> None:
    response = httpx.post(f"http://127.0.0.1:{port}/api/documents", json=[{**POST, "id": external_id}],
                          headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert response.status_code == 200, response.text


def worker_pids(workspace: Workspace) -> list[int]:
    return [pid for (pid,) in workspace.query("SELECT pid FROM work_workerbeat")]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return not open(f"/proc/{pid}/stat").read().split(") ")[1].startswith("Z")


def analysed(workspace: Workspace, external_id: str) -> bool:
    return bool(workspace.query(f"SELECT 1 FROM documents_document WHERE external_id = '{external_id}' "
                                "AND analyzed_at IS NOT NULL"))


def test_up_works_in_a_child_process_that_follows_the_server(tmp_path):
    workspace = Workspace(tmp_path)
    workspace.setup()
    ingest = workspace.ingest_token()
    port = free_port()
    server = workspace.start("up", "--port", str(port))
    try:
        wait_for(lambda: httpx.get(f"http://127.0.0.1:{port}/login/", timeout=2).status_code == 200, 120, step=0.3)
        wait_for(lambda: worker_pids(workspace), 60, step=0.3)
        child = worker_pids(workspace)[0]
        assert child != server.pid  # the work runs beside the pages, not in their process

        push(port, ingest, "first")
        wait_for(lambda: analysed(workspace, "first"), 30, step=0.1)

        os.kill(child, signal.SIGKILL)  # the child dies: the server starts another, and nothing is lost
        push(port, ingest, "after-crash")
        wait_for(lambda: analysed(workspace, "after-crash"), 60, step=0.2)
        again = [pid for pid in worker_pids(workspace) if alive(pid)]
        assert again and child not in again

        os.kill(server.pid, signal.SIGKILL)  # the server alone is killed: its worker does not outlive it
        server.wait(timeout=30)
        wait_for(lambda: not any(alive(pid) for pid in again), 30, step=0.2)
    finally:
        stop(server)


CHILD = """
import sys, threading
from yuqing.work.attached import follow_parent
done = threading.Event()
log = open(sys.argv[1], "a")
follow_parent(lambda: (log.write("woken\\n"), log.flush()), done.set)
done.wait()
log.write("stopped\\n")
"""


def test_a_commit_wakes_the_child_and_closing_its_stdin_stops_it(tmp_path):
    record = tmp_path / "child.log"
    worker = AttachedWorker(tmp_path)
    worker.command = [sys.executable, "-c", CHILD, str(record)]
    worker.start()
    worker.wake()
    wait_for(lambda: record.exists() and "woken" in record.read_text(), 30, step=0.05)
    worker.stop(timeout=30)
    assert worker.process.returncode == 0
    assert record.read_text().splitlines()[-1] == "stopped"
    worker.watcher.join(5)
    assert not worker.watcher.is_alive()  # a stop is not a death: nothing is started again


def test_a_child_that_keeps_dying_is_started_again_until_the_server_stops(tmp_path, monkeypatch):
    monkeypatch.setattr("yuqing.work.attached.RESTART_AFTER", (0.05,))
    record = tmp_path / "starts.log"
    worker = AttachedWorker(tmp_path)
    worker.command = [sys.executable, "-c", "import sys; open(sys.argv[1], 'a').write('start\\n'); sys.exit(3)",
                      str(record)]
    worker.start()
    wait_for(lambda: record.exists() and record.read_text().count("start") >= 3, 30, step=0.05)
    worker.stop(timeout=30)
    worker.watcher.join(5)
    assert not worker.watcher.is_alive()
