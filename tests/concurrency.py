"""Two transactions at once in one test: a second thread with its own database connection."""

from __future__ import annotations

import os
import threading
from typing import Callable

import pytest
from django.db import connection, connections

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
