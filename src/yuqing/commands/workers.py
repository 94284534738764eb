"""web, worker, status: the processes of a deployment, and how they are doing."""

from __future__ import annotations

import argparse
import signal
import threading

from yuqing.commands.setup import django_setup, migrate

ROLE_CHOICES = ("collect", "analyze", "notify", "schedule", "all")


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "web":
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
    if name == "worker":
        parser.add_argument("--role", action="append", choices=ROLE_CHOICES,
                            help="what this worker does (repeat for several; default all)")
        parser.add_argument("--concurrency", type=int, default=1,
                            help="threads running queued tasks (the analysis and the scheduler run in the first)")
        parser.add_argument("--attached", action="store_true", help=argparse.SUPPRESS)  # `yuqing up`'s child


def run(args: argparse.Namespace) -> int:
    django_setup(args.home, create=args.command != "status")
    if args.command == "status":
        from yuqing.work.status import render

        print(render())
        return 0
    migrate()
    if args.command == "web":
        from yuqing.runtime import serve

        return serve(args.host, args.port, background=False)
    return run_worker(tuple(args.role or ("all",)), max(1, args.concurrency), attached=args.attached)


def _task_roles(roles: tuple[str, ...]) -> tuple[str, ...]:
    """The roles extra threads take: only queued tasks (one scheduler and one analysis per process)."""
    wanted = ("collect", "notify") if "all" in roles else roles
    return tuple(role for role in wanted if role in {"collect", "notify"})


def run_worker(roles: tuple[str, ...], concurrency: int, attached: bool = False) -> int:
    from yuqing.runtime import start_worker
    from yuqing.work.attached import follow_parent
    from yuqing.work.worker import Worker

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    if attached:  # Ctrl-C reaches the server too, which then closes our stdin: that is the cue
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    main = start_worker(roles)
    extra = [Worker(task_roles, name=f"yuqing-worker-{n}") for n in range(1, concurrency) if (task_roles := _task_roles(roles))]
    for worker in extra:
        worker.start()
    if attached:  # woken by the server's commits, stopped when the server ends
        follow_parent(lambda: [worker.wake() for worker in [main, *extra]], stop.set)
    else:
        print(f"yuqing worker: roles {', '.join(roles)}, {concurrency} thread(s); stop with Ctrl-C", flush=True)
    stop.wait()
    for worker in [main, *extra]:
        worker.stop()
    for worker in [main, *extra]:
        worker.join(timeout=30)
    return 0
