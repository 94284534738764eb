"""The worker: a thread that runs the roles it was given, in `yuqing up` (all of them) or `yuqing worker`.

Each turn it runs the scheduler (role schedule: the jobs apps declare as `scheduled`, once per
deployment, by whoever holds the lease "scheduler"), the loops apps declare for its roles (the
analysis owner's batch, queued imports) and the due tasks of its roles. It sleeps only when a turn
did nothing, until woken by a commit in this process or for `poll` seconds (other processes'
work is seen by polling: a small indexed query).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from typing import Iterable

from django.db import close_old_connections
from django.utils import timezone
from django.utils.module_loading import import_string

from yuqing.extensions import Scheduled, declared
from yuqing.work import leases, runner, wakeup
from yuqing.work.identity import identity
from yuqing.work.models import WorkerBeat

log = logging.getLogger("yuqing.work")
SCHEDULER = "scheduler"
BEAT_EVERY = 5.0


class Scheduler:
    """Runs each declared job every `every` seconds while this process holds the scheduler lease."""

    def __init__(self) -> None:
        self.last_run: dict[str, float] = {}

    def turn(self) -> int:
        if leases.acquire(SCHEDULER) is None:
            self.last_run.clear()  # when it comes back to us, every job is due at once
            return 0
        for job in declared("scheduled"):
            if time.monotonic() - self.last_run.get(job.name, -1e9) >= job.every:
                self.last_run[job.name] = time.monotonic()
                _run_job(job)
        return 0


def _run_job(job: Scheduled) -> None:
    try:
        import_string(job.run)()
    except Exception:
        log.exception("scheduled job %s failed; it runs again at its next time", job.name)


class Worker(threading.Thread):
    def __init__(self, roles: Iterable[str] = ("all",), poll: float = 0.5, name: str = "yuqing-worker",
                 keeper: leases.Keeper | None = None) -> None:
        super().__init__(name=name, daemon=True)
        self.keeper = keeper
        self.roles = tuple(roles)
        self.poll = poll
        self.stopping = threading.Event()
        self.woken = threading.Event()
        self.scheduler = Scheduler() if self.has("schedule") else None
        self.loops = [loop for loop in declared("worker_loops") if self.has(loop.role)]
        self.kinds = runner.kinds_for(self.roles)
        self.done = 0
        self._last_beat = 0.0

    def has(self, role: str) -> bool:
        return "all" in self.roles or role in self.roles

    def run(self) -> None:
        log.info("worker %s started: roles %s; tasks %s; loops %s", identity(), ", ".join(self.roles),
                 ", ".join(self.kinds) or "-", ", ".join(loop.run.rsplit(".", 2)[-2] for loop in self.loops) or "-")
        if self.keeper:
            self.keeper.start()
        listener = self._listener()
        while not self.stopping.is_set():
            close_old_connections()
            did = self.turn()
            self.beat()
            if not did:
                self.woken.wait(self.poll)
                self.woken.clear()
        if listener:
            listener.stop()
        self.hand_over()

    def _listener(self) -> wakeup.Listener | None:
        """On PostgreSQL, wake on work committed by other processes too (the main worker only)."""
        from django.db import connection

        if self.keeper is None or connection.vendor != "postgresql":
            return None
        listener = wakeup.Listener(self.wake)
        listener.start()
        return listener

    def turn(self) -> int:
        did = 0
        try:
            if self.scheduler:
                did += self.scheduler.turn()
            for loop in self.loops:
                did += int(import_string(loop.run)() or 0)
            did += runner.run_due(self.kinds)
        except Exception:  # the database went away for a moment: say so, wait, go on
            log.exception("worker turn failed; trying again")
            time.sleep(self.poll)
        self.done += did
        return did

    def beat(self) -> None:
        if time.monotonic() - self._last_beat < BEAT_EVERY:
            return
        self._last_beat = time.monotonic()
        now = timezone.now()
        try:
            WorkerBeat.objects.update_or_create(identity=identity(), defaults={
                "roles": ",".join(self.roles), "host": socket.gethostname()[:120], "pid": os.getpid(),
                "beat_at": now, "tasks_done": self.done}, create_defaults={
                "roles": ",".join(self.roles), "host": socket.gethostname()[:120], "pid": os.getpid(),
                "started_at": now, "beat_at": now, "tasks_done": self.done})
        except Exception:
            log.exception("could not record this worker's beat")

    def wake(self) -> None:
        self.woken.set()

    def stop(self) -> None:
        self.stopping.set()
        self.woken.set()

    def hand_over(self) -> None:
        """A clean stop gives the leases back at once, so the next owner need not wait for them to run out."""
        if self.keeper:
            self.keeper.stop()
        try:
            leases.release_all()
            WorkerBeat.objects.filter(identity=identity()).delete()
        except Exception:
            log.exception("handing over leases failed; they run out by themselves")
