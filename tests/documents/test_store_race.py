"""Two collectors storing the same posts at once: each post is stored once, neither batch fails,
and the counts add up (the one that lost the race counts a duplicate)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from tests.concurrency import in_thread, postgres_only, while_first_holds
from tests.documents.factories import item
from yuqing import events, inserts
from yuqing.documents import engagement
from yuqing.documents.models import Document, EngagementSnapshot
from yuqing.documents.search import SearchFilters, search
from yuqing.documents.store import DUPLICATE, STORED, dedup_key, store_batch


def posts(numbers) -> list:
    return [item(n, f"永城消息{n}") for n in numbers]


def stored_once(numbers) -> bool:
    ids = Document.objects.values_list("external_id", flat=True)
    return sorted(ids) == sorted(f"t{n}" for n in numbers)


@pytest.fixture
def seen(monkeypatch):
    """The ids of every documents.stored event."""
    ids: list[int] = []
    real = events.emit

    def emit(name, **payload):
        if name == "documents.stored":
            ids.extend(payload["ids"])
        return real(name, **payload)

    monkeypatch.setattr(events, "emit", emit)
    return ids


@pytest.fixture(params=["returning", "without returning"])
def insert_kind(request, monkeypatch):
    """PostgreSQL and SQLite 3.35+ return the inserted rows; an older SQLite reads them back."""
    if request.param == "without returning":
        if connection.vendor != "sqlite":
            pytest.skip("only SQLite before 3.35 lacks RETURNING")
        monkeypatch.setattr(inserts, "can_return", lambda: False)
    return request.param


@pytest.mark.django_db
def test_a_post_another_process_stored_since_the_store_looked_is_a_duplicate_not_an_error(monkeypatch, seen, insert_kind):
    store_batch([item(1, "永城消息", engagement={"likes": 5})], None, None)  # what the other process committed
    first = Document.objects.get()
    looked = []

    def stale(keys):  # the store's look happened before the other process committed
        looked.append(keys)
        return {} if len(looked) == 1 else real(keys)

    real = engagement.existing
    monkeypatch.setattr(engagement, "existing", stale)
    stats = store_batch([item(1, "永城消息", engagement={"likes": 9}), item(2, "永城通报")], None, None, outcomes=True)
    assert (stats.new, stats.duplicate, stats.outcomes) == (1, 1, [DUPLICATE, STORED])
    assert stored_once([1, 2])
    second = Document.objects.get(external_id="t2")
    assert seen == [first.pk, second.pk]  # the duplicate is not announced as stored again
    assert Document.objects.get(pk=first.pk).likes == 9  # seen again with new counts, as any duplicate
    assert list(EngagementSnapshot.objects.filter(document=first).values_list("likes", flat=True)) == [5, 9]
    assert search("永城", SearchFilters()).total == 2  # each indexed once


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_batch_that_meets_a_post_being_stored_by_another_transaction_waits_and_counts_it_a_duplicate(seen):
    """Both insert before either commits: the second waits for the first, then skips what it stored."""
    first, second = while_first_holds(lambda: store_batch(posts([1, 2, 3]), None, None),
                                      lambda: store_batch(posts([3, 2, 4]), None, None))
    assert not isinstance(second, Exception), second
    assert (first.new, first.duplicate, second.new, second.duplicate) == (3, 0, 1, 2)
    assert stored_once([1, 2, 3, 4]) and len(seen) == 4 == len(set(seen))
    assert search("永城", SearchFilters()).total == 4


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_collectors_storing_the_same_batches_at_once_in_opposite_orders_store_each_post_once():
    """No deadlock and no unique violation, whatever the interleaving; the counts add up."""
    batches = [list(range(n, n + 15)) for n in range(0, 120, 15)]
    together, outcome = threading.Barrier(2, timeout=30), {}

    def collector(flip: bool):
        def run():
            done = []
            try:
                for numbers in batches:
                    together.wait()  # both start each batch at once
                    done.append(store_batch(posts(numbers[::-1] if flip else numbers), None, None))
            except Exception:
                together.abort()  # the other one need not wait for it
                raise
            return done
        return run

    threads = [in_thread(collector(False), outcome, "forward"), in_thread(collector(True), outcome, "backward")]
    for thread in threads:
        thread.join(60)
    errors = [result for result in outcome.values() if isinstance(result, Exception)]
    assert not errors, errors
    done = outcome["forward"] + outcome["backward"]
    assert sum(stats.new for stats in done) == 120 and sum(stats.duplicate for stats in done) == 120
    assert stored_once(range(120))


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_batch_takes_its_keys_in_order_so_two_batches_cannot_deadlock():
    """This transaction stores `low` then `high`; the other one's batch lists them the other way
    round. Taken in that order, it would hold `high` while waiting for `low`, and this one would
    wait for `high`: a deadlock, one of the two batches lost. Taken in key order, it waits first."""
    low, high = sorted([1, 2], key=lambda n: dedup_key(posts([n])[0], None))
    _, second = while_first_holds(lambda: store_batch(posts([low]), None, None),
                                  lambda: store_batch(posts([high, low]), None, None),
                                  then=lambda: store_batch(posts([high]), None, None))
    assert not isinstance(second, Exception), second
    assert (second.new, second.duplicate) == (0, 2) and stored_once([1, 2])
