"""Two transactions at once in one test: a second thread with its own database connection."""

from __future__ import annotations

import os
import threading
from typing import Callable

import pytest
from django.db import connection, connections, transaction

postgres_only = pytest.mark.skipif(not os.environ.get("YUQING_DATABASE_URL", "").startswith("postgres"),
                                   reason="concurrent writers: PostgreSQL (SQLite lets one writer in at a time)")


def in_thread(work: Callable[[], object], outcome: dict, name: str = "second") -> threading.Thread:
    """Start `work` in a thread (its own connection, closed at the end); its result or error lands in `outcome[name]`."""

    def run() -> None:
        try:
            outcome[name] = work()
        except Exception as error:  # noqa: BLE001 (shown in the assertion)
            outcome[name] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def wait_until_blocked_on_a_lock(outcome: dict) -> None:
    """Until another session of this database waits for a lock held by this one (PostgreSQL), or
    the other thread has finished (`outcome` filled)."""
    with connection.cursor() as cursor:
        for _ in range(3000):
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # the view is a snapshot per transaction otherwise
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                           "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
            if cursor.fetchone()[0] or outcome:
                return
            threading.Event().wait(0.01)
    raise AssertionError("the other session never waited for a lock")


def while_first_holds(first: Callable[[], object], second: Callable[[], object],
                      then: Callable[[], object] | None = None) -> tuple[object, object]:
    """Both write before either commits: `first` runs in a transaction of this thread; `second`
    starts in another thread once `first` is done; when `second` waits for one of the
    transaction's locks (or has finished), `then` (if given) runs in the same transaction, which
    commits. Returns the results of `first` and `second` (an error of `second` is returned)."""
    outcome: dict = {}
    first_done = threading.Event()

    def after_first() -> object:
        first_done.wait()
        return second()

    thread = in_thread(after_first, outcome)
    try:
        with transaction.atomic():
            result = first()
            first_done.set()
            wait_until_blocked_on_a_lock(outcome)
            if then:
                then()
    finally:
        first_done.set()
        thread.join(30)
    return result, outcome.get("second")
