"""On PostgreSQL a task committed by one process wakes the workers of every other at once (LISTEN/NOTIFY)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from yuqing.work import queue, runner, wakeup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def listener():
    if connection.vendor != "postgresql":
        pytest.skip("LISTEN/NOTIFY: PostgreSQL (on SQLite one process wakes its own worker)")
    woken = threading.Event()
    thread = wakeup.Listener(woken.set)
    thread.start()
    time.sleep(1.0)  # LISTEN is in place
    runner.set_inline(False)
    yield woken
    runner.set_inline(True)
    thread.stop()
    thread.join(timeout=5)


def test_a_committed_task_wakes_a_listening_worker_and_a_rolled_back_one_does_not(listener):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue.enqueue("event", {"event": "x", "handler": "y", "payload": {}})
        raise RuntimeError
    assert not listener.wait(1.5)
    with transaction.atomic():
        queue.enqueue("event", {"event": "x", "handler": "y", "payload": {}})
        assert not listener.wait(1.0)  # not before the commit
    assert listener.wait(3.0)
