"""Task rows: claimed once, finished with the handler's writes, retried with backoff, keyed enqueues idempotent."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from yuqing.work import queue, runner
from yuqing.work.leases import LeaseLost
from yuqing.work.models import Task

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def left_for_workers():
    """Tasks stay queued after their commit (as in `yuqing web`), for these tests to claim by hand."""
    runner.set_inline(False)
    yield
    runner.set_inline(True)


def test_a_task_is_claimed_by_one_claim_only_and_again_when_its_lease_runs_out():
    queue.enqueue("x", {"n": 1})
    [first] = queue.claim(["x"])
    assert queue.claim(["x"]) == []
    Task.objects.update(lease_until=timezone.now() - timedelta(seconds=1))  # its worker died
    [again] = queue.claim(["x"])
    assert again.task.pk == first.task.pk and again.task.attempts == 2
    with pytest.raises(LeaseLost):  # the first claimant wakes up: its result must not count
        queue.finish(first)
    queue.finish(again)
    assert Task.objects.get().state == Task.State.DONE


def test_a_keyed_task_is_written_once():
    for _ in range(3):
        queue.enqueue("collect", {"source": 1}, key="collect:1:t0")
    assert Task.objects.count() == 1


def test_a_failed_task_comes_back_later_and_gives_up_after_its_attempts():
    queue.enqueue("x", {})
    for attempt in range(1, queue.MAX_ATTEMPTS + 1):
        Task.objects.update(run_after=timezone.now())
        [claim] = queue.claim(["x"])
        queue.fail(claim, "boom")
        task = Task.objects.get()
        if attempt < queue.MAX_ATTEMPTS:
            assert task.state == Task.State.READY and task.run_after > timezone.now() + timedelta(seconds=2 ** attempt - 1)
    assert task.state == Task.State.FAILED and task.last_error == "boom"


def test_a_task_written_in_a_rolled_back_transaction_does_not_exist():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue.enqueue("x", {})
        raise RuntimeError
    assert not Task.objects.exists()


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_concurrent_claims_on_postgresql_take_disjoint_tasks():
    Task.objects.bulk_create([Task(kind="x", payload={}, run_after=timezone.now(), created_at=timezone.now())
                              for _ in range(200)])
    taken: list[list[int]] = [[], [], [], []]
    start = threading.Barrier(4)

    def claimer(slot: int) -> None:
        start.wait()
        try:
            while claims := queue.claim(["x"], limit=7):
                taken[slot] += [claim.task.pk for claim in claims]
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claimer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [pk for slot in taken for pk in slot]
    assert len(every) == len(set(every)) == 200
    assert sum(1 for slot in taken if slot) > 1, "one claimer took everything: SKIP LOCKED did not let the others in"


def test_the_claim_uses_skip_locked_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        queue.claim(["x"])
    assert any("FOR UPDATE SKIP LOCKED" in query["sql"] for query in queries)


def test_a_collection_waits_while_another_worker_collects_from_the_same_host(admin_user):
    from yuqing.sources import actions
    from yuqing.sources.work import request_collection
    from yuqing.work import leases
    from yuqing.work.models import Lease

    source = actions.create_source(admin_user, name="feed", kind="feed", url="https://news.example/rss")
    request_collection(source)
    leases.acquire("host:news.example", holder="another-machine:7:abc")
    assert runner.run_due(["collect"]) == 1
    task = Task.objects.get(kind="collect")
    assert task.state == Task.State.READY and task.attempts == 0 and task.run_after > timezone.now()
    assert Lease.objects.get(name="host:news.example").holder == "another-machine:7:abc"
