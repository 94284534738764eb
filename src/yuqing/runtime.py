"""`yuqing up`: the web server and the background worker in one process (the embedded default).

The worker wakes every few seconds, collects the sources that are due, then runs the registered
after-collection jobs (the analysis pipeline, alerting). Jobs are registered by apps in
AppConfig.ready() through `register_job`, never at import time.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable

log = logging.getLogger("yuqing.runtime")
Job = Callable[[], object]
_jobs: list[tuple[str, Job]] = []


def register_job(name: str, job: Job) -> None:
    if name not in {n for n, _ in _jobs}:
        _jobs.append((name, job))


def jobs() -> list[tuple[str, Job]]:
    return list(_jobs)


def run_jobs_once() -> None:
    """Collect due sources, then every registered job; a failing job is logged, not fatal."""
    from django.db import close_old_connections

    from yuqing.sources.collecting import collect_due

    close_old_connections()
    for name, job in [("collect", collect_due)] + _jobs:
        try:
            job()
        except Exception:
            log.exception("background job %s failed; it will run again on the next tick", name)


class Worker(threading.Thread):
    def __init__(self, interval: float = 15.0) -> None:
        super().__init__(name="yuqing-worker", daemon=True)
        self.interval = interval
        self.stopping = threading.Event()

    def run(self) -> None:
        log.info("background worker started: collection every %.0fs, jobs: %s", self.interval,
                 ", ".join(["collect"] + [n for n, _ in _jobs]))
        while not self.stopping.is_set():
            started = time.monotonic()
            run_jobs_once()
            self.stopping.wait(max(1.0, self.interval - (time.monotonic() - started)))

    def stop(self) -> None:
        self.stopping.set()


def serve(host: str, port: int, background: bool = True, ready_message: str = "") -> int:
    from waitress import serve as waitress_serve

    from yuqing.web.wsgi import application

    _log_startup()
    worker = Worker() if background else None
    if worker:
        worker.start()
    if ready_message:  # again once start-up logging is over, so the login is the last thing shown
        threading.Timer(3.0, lambda: print(ready_message, flush=True)).start()
    try:
        waitress_serve(application, host=host, port=port, threads=8, ident="yuqing")
    finally:
        if worker:
            worker.stop()
    return 0


def _log_startup() -> None:
    from django.conf import settings

    db = settings.DATABASES["default"]
    log.info("database: %s %s", db["ENGINE"].rsplit(".", 1)[-1], db.get("NAME"))
    try:
        from yuqing.analysis.accel import report
    except ImportError:
        return
    for line in report():
        log.info("%s", line)
