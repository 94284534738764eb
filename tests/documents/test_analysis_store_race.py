"""Two analysers writing at once: the same event stored by both is one row (the later one's
figures), and batches that share documents lock them in one order (no deadlock)."""

from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from tests.concurrency import postgres_only, while_first_holds
from tests.documents.factories import item
from yuqing.analysis.event_state import Event as Snapshot
from yuqing.documents.analysis_store import save_results, upsert_events
from yuqing.documents.models import Document, Event
from yuqing.documents.store import store_batch

START = datetime(2026, 11, 1, tzinfo=timezone.utc).timestamp()


def clustered(*snapshots: Snapshot):
    """A pipeline whose cluster stage knows `snapshots`."""
    store = SimpleNamespace(events=lambda include_merged=False: list(snapshots))
    return SimpleNamespace(stages=[SimpleNamespace(name="cluster", store=store)])


def fire(size: int, key: str = "ev-1") -> Snapshot:
    return Snapshot(key, START, START + 60 * size, size=size, keywords=["起火"], title="永城化工厂起火")


@pytest.mark.django_db
def test_an_event_is_stored_when_new_and_updated_when_known():
    upsert_events(clustered(fire(2), fire(1, "ev-2")), {"ev-1"})
    first = Event.objects.get()
    upsert_events(clustered(fire(5), fire(1, "ev-2")), {"ev-1", "ev-2"})
    assert sorted(Event.objects.values_list("key", "size")) == [("ev-1", 5), ("ev-2", 1)]
    again = Event.objects.get(key="ev-1")
    assert again.pk == first.pk and again.last_seen.timestamp() == START + 300 and again.title == "永城化工厂起火"


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_event_two_analysers_store_at_once_is_one_row_with_the_later_figures():
    _, second = while_first_holds(lambda: upsert_events(clustered(fire(2)), {"ev-1"}),
                                  lambda: upsert_events(clustered(fire(3)), {"ev-1"}))
    assert second is None
    assert list(Event.objects.values_list("key", "size")) == [("ev-1", 3)]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_results_are_written_in_id_order_so_two_batches_cannot_deadlock():
    """This transaction writes `low` then `high`; the other one's batch lists them the other way
    round. In that order it would hold `high` while waiting for `low`: a deadlock."""
    store_batch([item(1, "永城消息"), item(2, "永城通报")], None, None)
    low, high = Document.objects.order_by("id")
    now = datetime(2026, 11, 2, tzinfo=timezone.utc)
    _, second = while_first_holds(lambda: save_results([low], [{}], {}, now),
                                  lambda: save_results([high, low], [{}, {}], {}, now),
                                  then=lambda: save_results([high], [{}], {}, now))
    assert second is None
