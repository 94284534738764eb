"""Running claimed tasks through the handlers apps declare, and what happens right after a commit.

Inline (the default: tests, one-shot commands): a task committed by this thread is claimed and run
by it at once, so a caller sees its effects as before, and a crash before that leaves the row for
a worker. In a server or worker process (`set_inline(False, wake)`), the commit wakes the local
worker instead; a web request never does the work itself.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import lru_cache
from typing import Callable, Iterable

from django.db import transaction
from django.utils.module_loading import import_string

from yuqing.extensions import WorkHandler, declared
from yuqing.work import queue
from yuqing.work.leases import LeaseLost

log = logging.getLogger("yuqing.work")


class Busy(Exception):
    """Raised by a handler when what it needs is in use elsewhere: the task waits `delay` and comes back."""

    def __init__(self, reason: str, delay: timedelta = timedelta(seconds=5)) -> None:
        super().__init__(reason)
        self.delay = delay


ROLES = ("collect", "analyze", "notify", "schedule")
_inline = True
_wake: Callable[[], None] | None = None


def set_inline(inline: bool, wake: Callable[[], None] | None = None) -> None:
    global _inline, _wake
    _inline, _wake = inline, wake


def is_inline() -> bool:
    return _inline


def wake() -> None:
    """Tell this process's worker (if it runs one) that work is waiting."""
    if _wake is not None:
        _wake()


@lru_cache(maxsize=None)
def handlers() -> dict[str, WorkHandler]:
    return {handler.kind: handler for handler in declared("work_handlers")}


def kinds_for(roles: Iterable[str]) -> list[str]:
    roles = set(roles)
    return sorted(kind for kind, handler in handlers().items() if "all" in roles or handler.role in roles)


def run_due(kinds: list[str], limit: int = 20) -> int:
    """Claim and run up to `limit` due tasks of `kinds` (an urgent kind's one at a time, first); returns
    how many were claimed."""
    done = 0
    for (lease, urgent), group in _groups(kinds).items():
        claims = queue.claim(group, 1 if urgent else limit, lease=lease)
        for claim in claims:
            run_claim(claim)
        done += len(claims)
    return done


def _groups(kinds: list[str]) -> dict[tuple[timedelta | None, bool], list[str]]:
    """Kinds claimed together: those of one lease; urgent kinds apart and first, so that a task another
    process waits for is never claimed behind twenty others and left waiting while they run."""
    groups: dict[tuple[timedelta | None, bool], list[str]] = {}
    for kind in sorted(kinds, key=lambda kind: not _urgent(kind)):
        groups.setdefault((_lease_of(kind), _urgent(kind)), []).append(kind)
    return groups


def _urgent(kind: str) -> bool:
    handler = handlers().get(kind)
    return bool(handler and handler.urgent)


def _lease_of(kind: str) -> timedelta | None:
    """How long a claim of `kind` holds (None: the default, YUQING_LEASE_SECONDS)."""
    handler = handlers().get(kind)
    return timedelta(seconds=handler.lease) if handler and handler.lease else None


def run_claim(claim: queue.Claim) -> bool:
    task = claim.task
    handler = handlers().get(task.kind)
    if handler is None:
        queue.fail(claim, f"no handler for tasks of kind {task.kind!r}")
        return False
    try:
        if handler.atomic:
            with transaction.atomic():  # the handler's writes and 'done' commit together
                import_string(handler.run)(task.payload)
                queue.finish(claim)
        else:
            import_string(handler.run)(task.payload)
            queue.finish(claim)
        return True
    except Busy as busy:
        queue.postpone(claim, busy.delay)
    except LeaseLost as lost:
        log.warning("%s: dropped, another worker has it now", lost)
    except Exception as error:
        log.exception("task %s (%s) failed; it will be tried again", task.pk, task.kind)
        queue.fail(claim, f"{type(error).__name__}: {error}")
    return False


def committed(kind: str, task_id: int) -> None:
    """After a commit that wrote task `task_id`: run it here (inline) or wake the local worker."""
    if _inline:
        for claim in queue.claim([kind], limit=1, only=task_id, lease=_lease_of(kind)):
            run_claim(claim)
    elif _wake is not None:
        _wake()
