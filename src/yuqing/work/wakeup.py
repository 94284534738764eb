"""Waking workers on other machines at once: PostgreSQL's NOTIFY, sent in the task's own transaction.

The task rows are the truth; a wake-up only saves a worker the wait until its next poll (0.5 s).
`notify` runs inside the transaction that writes a task, so PostgreSQL delivers it exactly when the
task becomes visible, and never for a rolled-back one. A `Listener` thread in each worker process
holds one connection that LISTENs and wakes the local worker. On SQLite (one machine) there is
nothing to do: commits in the same process wake its worker directly.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable

from django.db import connection

log = logging.getLogger("yuqing.work")
CHANNEL = "yuqing_work"


def notify(kind: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, kind])


class Listener(threading.Thread):
    """LISTENs on its own connection and calls `wake` for every task committed anywhere."""

    def __init__(self, wake: Callable[[], None]) -> None:
        super().__init__(name="yuqing-wakeup", daemon=True)
        self.wake = wake
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                self._listen()
            except Exception:
                log.exception("listening for new work failed; polling meanwhile, trying again in 5 s")
                self.stopping.wait(5)

    def _listen(self) -> None:
        import psycopg

        settings = connection.settings_dict
        with psycopg.connect(dbname=settings["NAME"], user=settings["USER"], password=settings["PASSWORD"],
                             host=settings["HOST"] or None, port=settings["PORT"] or None, autocommit=True) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            while not self.stopping.is_set():
                if any(True for _ in conn.notifies(timeout=1.0, stop_after=1)):
                    self.wake()

    def stop(self) -> None:
        self.stopping.set()
