"""`yuqing up`'s worker, in a process of its own beside the web server (issue 11, "under load").

In one process, pages, an import's batches and the analysis take turns on one interpreter lock,
so every page served during an import waited behind them (bench/load.py). A `yuqing worker`
child process runs the work on the other core; the server keeps the pages and the requests that
only write rows. Nothing changes for the user: one command, one workspace, no service to start.

The server wakes the child through the child's stdin: one byte after each commit that queued
work (a full pipe already holds a wake-up; the child also polls). The child stops when its stdin
closes, however the server ended, killed included. If the child ends while the server runs, it is
started again: the work it held is rows (claimed tasks come back, its leases run out).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import BinaryIO, Callable

log = logging.getLogger("yuqing.work")
RESTART_AFTER = (1.0, 2.0, 5.0, 10.0, 30.0)  # seconds before each restart in a row
HEALTHY_AFTER = 60.0  # a child that ran this long before ending starts the count of failures anew


class AttachedWorker:
    """The child `yuqing worker --attached` process, woken, watched and stopped by the server."""

    def __init__(self, home: Path) -> None:
        self.command = [sys.executable, "-m", "yuqing.cli", "--home", str(home), "worker", "--attached"]
        self.process: subprocess.Popen | None = None
        self.started = 0.0
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.watcher = threading.Thread(target=self._watch, name="yuqing-worker-watch", daemon=True)

    def start(self) -> None:
        self._spawn()
        self.watcher.start()

    def wake(self) -> None:
        process = self.process
        if process is None or process.stdin is None:
            return
        try:
            os.write(process.stdin.fileno(), b".")
        except (OSError, ValueError):  # BlockingIOError, BrokenPipeError; ValueError: the pipe is closed
            pass  # a full pipe already holds a wake-up; a dead child is started again by the watcher

    def stop(self, timeout: float = 30.0) -> None:
        self.stopping.set()
        with self.lock:
            process = self.process
        if process is None:
            return
        _close(process.stdin)  # the child's cue: finish the turn, hand the leases back, exit
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            log.warning("the worker process did not stop within %.0f s; ending it", timeout)
            process.kill()
            process.wait()

    def _spawn(self) -> None:
        process = subprocess.Popen(self.command, stdin=subprocess.PIPE, env=_child_env())
        os.set_blocking(process.stdin.fileno(), False)
        with self.lock:
            self.process, self.started = process, time.monotonic()
        log.info("worker process %s started", process.pid)

    def _watch(self) -> None:
        failures = 0
        while not self.stopping.is_set():
            code = self.process.wait()  # at once when the last start failed: the same dead process
            if self.stopping.is_set():
                return
            if time.monotonic() - self.started > HEALTHY_AFTER:
                failures = 0  # it had been running well: this is a new failure, not one in a row
            delay = RESTART_AFTER[min(failures, len(RESTART_AFTER) - 1)]
            log.error("the worker process ended (exit %s); starting it again in %.0f s", code, delay)
            failures += 1
            if self.stopping.wait(delay):
                return
            try:
                self._spawn()
            except OSError:  # the interpreter could not be started (out of processes, memory): try again
                log.exception("could not start the worker process")


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2])  # the child imports the same yuqing as this process
    env["PYTHONPATH"] = os.pathsep.join(part for part in (src, env.get("PYTHONPATH", "")) if part)
    return env


def _close(stream: BinaryIO | None) -> None:
    try:
        if stream is not None:
            stream.close()
    except OSError:
        pass


def follow_parent(wake: Callable[[], None], stop: Callable[[], None]) -> threading.Thread:
    """In the child: a byte on stdin wakes the worker; stdin closing (the server ended) stops it."""

    def read() -> None:
        stdin = sys.stdin.buffer
        while True:
            try:
                chunk = os.read(stdin.fileno(), 4096)
            except OSError:
                chunk = b""
            if not chunk:
                stop()
                return
            wake()

    thread = threading.Thread(target=read, name="yuqing-parent", daemon=True)
    thread.start()
    return thread
