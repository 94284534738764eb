"""`yuqing up` and `yuqing web`: the web server, with (up) or without (web) its own worker.

`yuqing up` is the embedded default: one command runs the web server and, in a child process it
starts, wakes and stops (yuqing.work.attached), a worker with every role (collect, analyze,
notify, schedule), with no broker. `yuqing web` serves pages
only and leaves the work to `yuqing worker` processes (yuqing.work.worker) anywhere that reach
the same database. Either way a web request never fetches or analyses: it writes rows and, in
`up`, wakes the child worker.
"""

from __future__ import annotations

import logging
import sys
import threading

log = logging.getLogger("yuqing.runtime")


def favour_pages() -> None:
    """A page's thread that comes back from the database waits for the interpreter until the thread
    holding it (an analysis batch, an import) lets go: at most Python's switch interval, 5 ms, each
    time. A page making 50 queries beside an import waited up to 250 ms that way; at 0.5 ms the busy
    thread lets go ten times as often (YUQING_SWITCH_INTERVAL in seconds, config.Config; issue 11)."""
    from django.conf import settings

    sys.setswitchinterval(settings.YUQING.switch_interval)


def start_worker(roles: tuple[str, ...] = ("all",)):
    """Start a worker thread (and the thread renewing this process's leases); commits made here wake
    the worker instead of running inline."""
    from yuqing.work import runner
    from yuqing.work.leases import Keeper
    from yuqing.work.worker import Worker

    worker = Worker(roles, keeper=Keeper())
    runner.set_inline(False, worker.wake)
    worker.start()
    return worker


def serve(host: str, port: int, background: bool = True, ready_message: str = "") -> int:
    from waitress import serve as waitress_serve

    from yuqing.web.wsgi import application
    from yuqing.work import runner

    _log_startup()
    favour_pages()
    worker = start_attached_worker() if background else None
    if worker is None:
        runner.set_inline(False)  # `yuqing web`: requests only write the rows; workers elsewhere run them
    if ready_message:  # again once start-up logging is over, so the login is the last thing shown
        threading.Timer(3.0, lambda: print(ready_message, flush=True)).start()
    try:
        waitress_serve(application, host=host, port=port, threads=8, ident="yuqing")
    finally:
        if worker:
            worker.stop()
    return 0


def start_attached_worker():
    """`yuqing up`: every role in a child worker process that this server wakes (yuqing.work.attached)."""
    from django.conf import settings

    from yuqing.work import runner
    from yuqing.work.attached import AttachedWorker

    worker = AttachedWorker(settings.YUQING.home)
    worker.start()
    runner.set_inline(False, worker.wake)
    return worker


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
