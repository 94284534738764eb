"""The worker: a thread that runs the roles it was given, in `yuqing up` (all of them) or `yuqing worker`.

Each turn it runs the loops apps declare for its roles (the analysis owner's batch, queued
imports) and the due tasks of its roles. With role schedule, a thread beside it runs the jobs apps
declare as `scheduled`, once per deployment (whoever holds the lease "scheduler"). The worker
sleeps only when a turn did nothing, until woken by a commit in this process, a NOTIFY from
another (PostgreSQL), or for `poll` seconds.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import timedelta
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
PEER_ALIVE = timedelta(seconds=3 * BEAT_EVERY)  # a worker that beat this recently is taken to be alive


class Scheduler(threading.Thread):
    """Runs each declared job every `every` seconds while this process holds the scheduler lease.

    Its own thread: a slow job (a scheduled briefing, a digest) never delays the analysis and the
    alerts that the worker thread runs."""

    def __init__(self, tick: float = 1.0) -> None:
        super().__init__(name="yuqing-scheduler", daemon=True)
        self.last_run: dict[str, float] = {}
        self.tick = tick
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(self.tick):
            close_old_connections()
            try:
                self.turn()
            except Exception:  # the database went away for a moment: say so, go on
                log.exception("scheduler turn failed; trying again")

    def stop(self) -> None:
        self.stopping.set()

    def turn(self) -> int:
        if leases.acquire(SCHEDULER) is None:
            self.last_run.clear()  # when it comes back to us, every job is due at once
            return 0
        for job in declared("scheduled"):
            if time.monotonic() - self.last_run.get(job.name, -1e9) >= job.every:
                self.last_run[job.name] = time.monotonic()
                _run_job(job)
        return 0


def _warm_urls() -> None:
    """Load the URL configuration now: the first alert's links would otherwise pay for it (seconds)."""
    from django.urls import get_resolver

    get_resolver().url_patterns


def _run_job(job: Scheduled) -> None:
    try:
        import_string(job.run)()
    except Exception:
        log.exception("scheduled job %s failed; it runs again at its next time", job.name)


def peer_roles() -> list[list[str]]:
    """The roles of each other live worker (one that beat within PEER_ALIVE)."""
    alive = WorkerBeat.objects.filter(beat_at__gte=timezone.now() - PEER_ALIVE).exclude(identity=identity())
    return [roles.split(",") for roles in alive.values_list("roles", flat=True)]


class Worker(threading.Thread):
    def __init__(self, roles: Iterable[str] = ("all",), poll: float = 0.5, name: str = "yuqing-worker",
                 keeper: leases.Keeper | None = None) -> None:
        super().__init__(name=name, daemon=True)
        self.keeper = keeper
        self.roles = tuple(roles)
        self.poll = poll
        self.stopping = threading.Event()
        self.woken = threading.Event()
        self.scheduler = Scheduler() if self.has("schedule") and keeper is not None else None  # one a process
        self.loops = [loop for loop in declared("worker_loops") if self.has(loop.role)]
        self.kinds = runner.kinds_for(self.roles)
        self.done = 0
        self._last_beat = 0.0
        self._peers_asked, self._peers_take_tasks = -BEAT_EVERY, False

    def has(self, role: str) -> bool:
        return "all" in self.roles or role in self.roles

    def run(self) -> None:
        _warm_urls()
        log.info("worker %s started: roles %s; tasks %s; loops %s", identity(), ", ".join(self.roles),
                 ", ".join(self.kinds) or "-", ", ".join(loop.run.rsplit(".", 2)[-2] for loop in self.loops) or "-")
        if self.keeper:
            self.keeper.start()
        if self.scheduler:
            self.scheduler.start()
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
        if self.scheduler:
            self.scheduler.stop()
            self.scheduler.join(timeout=30)
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
            for loop in self.loops:
                did += int(import_string(loop.run)() or 0)
            if not (did and self._tasks_taken_elsewhere()):
                did += runner.run_due(self.kinds)
        except Exception:  # the database went away for a moment: say so, wait, go on
            log.exception("worker turn failed; trying again")
            time.sleep(self.poll)
        self.done += did
        return did

    def _tasks_taken_elsewhere(self) -> bool:
        """Whether another live worker runs every kind of task this one runs (asked every BEAT_EVERY s).

        Then a worker whose loop had work (the analysis owner with a backlog: the one serial part of
        N workers) goes on with it and leaves the tasks (matching, alerts, deliveries) to the others;
        it takes tasks again as soon as its loops are idle or nobody else is alive."""
        if time.monotonic() - self._peers_asked >= BEAT_EVERY:
            self._peers_asked = time.monotonic()
            mine = set(self.kinds)
            self._peers_take_tasks = any(mine <= set(runner.kinds_for(roles)) for roles in peer_roles())
        return self._peers_take_tasks

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
