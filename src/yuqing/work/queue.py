"""Task rows: enqueue in the caller's transaction, claim without two workers taking one row,
finish in the handler's transaction (so its writes and 'done' commit together), retry with backoff.

Claiming is one UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING: on PostgreSQL the inner select
takes `FOR UPDATE SKIP LOCKED`, so concurrent workers pass over each other's rows; on SQLite the
single statement runs under the database's one write lock. A claim holds a lease on the row
(`lease_until`); a worker killed at any line leaves the row to be claimed again when it runs out.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable

from django.db import connection, transaction
from django.utils import timezone

from yuqing.work import wakeup
from yuqing.work.identity import identity
from yuqing.work.leases import LeaseLost, default_ttl
from yuqing.work.models import Task

log = logging.getLogger("yuqing.work")
MAX_ATTEMPTS = 6
_claims = itertools.count(1)
Committed = Callable[[str, int], None]
_committed_hooks: list[Committed] = []


def on_committed(hook: Committed) -> None:
    """Call `hook(kind, task_id)` after a task's transaction commits (the dispatcher runs or wakes)."""
    if hook not in _committed_hooks:
        _committed_hooks.append(hook)


def enqueue(kind: str, payload: dict[str, Any], *, key: str | None = None, delay: timedelta | None = None) -> int | None:
    """Write a task in the current transaction and return its id; with `key`, a task of that key
    already there wins (its id is returned)."""
    now = timezone.now()
    run_after = now + delay if delay else now
    if key is None:
        task = Task.objects.create(kind=kind, payload=payload, run_after=run_after, created_at=now)
    else:
        task = _create_keyed(kind, payload, key, run_after, now)
        if task is None:
            return None
    if not delay:
        wakeup.notify(kind)  # other machines' workers, when the transaction commits
    transaction.on_commit(lambda: _committed(kind, task.pk))
    return task.pk


def _create_keyed(kind: str, payload: dict, key: str, run_after: datetime, now: datetime) -> Task | None:
    Task.objects.bulk_create([Task(kind=kind, key=key, payload=payload, run_after=run_after, created_at=now)],
                             ignore_conflicts=True)  # ON CONFLICT DO NOTHING: the task of that key stands
    return Task.objects.filter(key=key).first()


def _committed(kind: str, task_id: int) -> None:
    for hook in list(_committed_hooks):
        try:
            hook(kind, task_id)
        except Exception:
            log.exception("after-commit hook for task %s failed; a worker will run it", task_id)


@dataclass
class Claim:
    task: Task
    token: str


def claim(kinds: Iterable[str], limit: int = 20, only: int | None = None, lease: timedelta | None = None) -> list[Claim]:
    """Claim up to `limit` due tasks of `kinds` (or just task `only`) for this process, each for `lease`."""
    kinds = list(kinds)
    if not kinds:
        return []
    now = timezone.now()
    lease = lease or default_ttl()
    token = f"{identity()}/{next(_claims)}"
    ids = _claim_ids(kinds, limit, only, now, now + lease, token)
    tasks = Task.objects.filter(pk__in=ids).order_by("pk")
    return [Claim(task, token) for task in tasks]


_CLAIM_SQL = """
UPDATE work_task SET state = 'running', claimed_by = %s, lease_until = %s, attempts = attempts + 1
WHERE id IN (
  SELECT id FROM work_task
  WHERE kind IN ({kinds}) {only}
    AND ((state = 'ready' AND run_after <= %s) OR (state = 'running' AND lease_until < %s))
  ORDER BY id LIMIT %s {lock})
RETURNING id
"""


def _claim_ids(kinds: list[str], limit: int, only: int | None, now: datetime, until: datetime, token: str) -> list[int]:
    postgres = connection.vendor == "postgresql"
    sql = _CLAIM_SQL.format(kinds=", ".join(["%s"] * len(kinds)), only="AND id = %s" if only else "",
                            lock="FOR UPDATE SKIP LOCKED" if postgres else "")
    to_db = connection.ops.adapt_datetimefield_value
    params = [token, to_db(until), *kinds, *([only] if only else []), to_db(now), to_db(now), limit]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def finish(claim: Claim) -> None:
    """Mark a claimed task done, inside the handler's transaction; LeaseLost if it was claimed again."""
    done = Task.objects.filter(pk=claim.task.pk, claimed_by=claim.token, state=Task.State.RUNNING)
    if not done.update(state=Task.State.DONE, finished_at=timezone.now(), lease_until=None):
        raise LeaseLost(f"task {claim.task.pk} was claimed again while it ran")


def postpone(claim: Claim, delay: timedelta) -> None:
    """Not now (what it needs is busy elsewhere): back to the queue after `delay`, the attempt not counted."""
    Task.objects.filter(pk=claim.task.pk, claimed_by=claim.token, state=Task.State.RUNNING).update(
        state=Task.State.READY, run_after=timezone.now() + delay, lease_until=None, attempts=claim.task.attempts - 1)


def fail(claim: Claim, error: str) -> None:
    """Put a failed task back with backoff (2, 4, 8 … s, at most 5 min), or give up after MAX_ATTEMPTS."""
    task = claim.task
    mine = Task.objects.filter(pk=task.pk, claimed_by=claim.token, state=Task.State.RUNNING)
    if task.attempts >= MAX_ATTEMPTS:  # the claim counted this attempt
        mine.update(state=Task.State.FAILED, last_error=error[:4000], finished_at=timezone.now(), lease_until=None)
        log.error("task %s (%s) gave up after %d attempts: %s", task.pk, task.kind, task.attempts, error)
        return
    delay = timedelta(seconds=min(300, 2 ** task.attempts))
    mine.update(state=Task.State.READY, last_error=error[:4000], run_after=timezone.now() + delay, lease_until=None)
