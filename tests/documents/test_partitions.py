"""The search index by day on PostgreSQL (issue 10): partitions made ahead and on demand, no row
refused, retention (YUQING_RETENTION_DAYS) drops whole days and search goes on finding the rest.
Retention itself also runs on SQLite (rows deleted from FTS5)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import pytest
from django.conf import settings
from django.db import connection

from tests.documents.factories import item
from tests.migrating import migrate  # noqa: F401  (fixture)
from yuqing.documents import index, retention
from yuqing.documents.models import Document
from yuqing.documents.search import SearchFilters, search
from yuqing.documents.store import store_batch

postgres_only = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), reason="the index is partitioned on PostgreSQL only"
)
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def stored_at(clock, when: datetime, numbers, text: str) -> list[Document]:
    clock.move_to(when, tick=False)
    store_batch([item(n, f"{text}{n}") for n in numbers], None, None)
    return list(Document.objects.filter(external_id__in=[f"t{n}" for n in numbers]).order_by("external_id"))


def found(query: str) -> set[str]:
    return {doc.external_id for doc in search(query, SearchFilters(), limit=1000).documents}


def rows_by_partition() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableoid::regclass::text, count(*) FROM document_search GROUP BY 1")
        return dict(cursor.fetchall())


@pytest.fixture
def retention_days():
    def set_days(days: int):
        settings.YUQING = dataclasses.replace(original, retention_days=days)

    original = settings.YUQING
    yield set_days
    settings.YUQING = original


@postgres_only
@pytest.mark.django_db
def test_the_scheduled_job_creates_the_partitions_of_today_and_the_days_ahead(clock):
    clock.move_to(NOW + timedelta(days=400), tick=False)  # days no earlier test has touched
    index.forget_partitions()
    done = retention.run()
    today = index.today()
    ahead = [today + timedelta(days=n) for n in range(index.DAYS_AHEAD + 1)]
    assert set(ahead) <= set(index.partitions())
    assert done["partitions_created"] == len(ahead)
    assert retention.run()["partitions_created"] == 0  # once is enough


@postgres_only
@pytest.mark.django_db
def test_a_stored_document_lands_in_the_partition_of_its_stored_day_made_on_demand(clock):
    day = NOW + timedelta(days=500)
    assert day.date() not in index.partitions()
    stored_at(clock, day, [1, 2], "永城起火")
    assert day.date() in index.partitions()
    assert rows_by_partition() == {index.partition_name(day.date()): 2}
    assert found("永城起火") == {"t1", "t2"}


@postgres_only
@pytest.mark.django_db
def test_a_row_whose_day_cannot_get_a_partition_is_kept_in_the_default_one(clock, monkeypatch):
    monkeypatch.setattr(index, "partition_sql", lambda day: "CREATE TABLE a syntax error")
    day = NOW + timedelta(days=600)
    stored_at(clock, day, [1, 2, 3], "永城起火")
    assert day.date() not in index.partitions()
    assert rows_by_partition() == {index.DEFAULT_PARTITION: 3}
    assert found("永城起火") == {"t1", "t2", "t3"}
    assert Document.objects.count() == 3  # the batch was not refused


@postgres_only
@pytest.mark.django_db
def test_rows_go_straight_to_a_known_partition_and_to_the_parent_when_it_is_gone(clock, monkeypatch):
    day = NOW + timedelta(days=700)
    stored_at(clock, day, [1], "永城起火")
    assert rows_by_partition() == {index.partition_name(day.date()): 1}
    index._known_days.add(day.date())  # as after the commit that made it
    stored_at(clock, day, [2], "永城起火")  # straight into the day's table
    assert rows_by_partition() == {index.partition_name(day.date()): 2}
    with connection.cursor() as cursor:  # dropped behind this process's back
        cursor.execute(f"DROP TABLE {index.partition_name(day.date())}")
    monkeypatch.setattr(index, "ensure_partitions", lambda *args, **kwargs: [])  # nor made again: the parent takes the rows
    stored_at(clock, day, [3], "永城起火")
    assert rows_by_partition() == {index.DEFAULT_PARTITION: 1}
    assert found("永城起火") == {"t3"}


@pytest.mark.django_db
def test_retention_removes_the_old_days_and_search_finds_the_rest(clock, retention_days, admin_user):
    from yuqing.incidents.models import Incident, LinkedDocument

    old = stored_at(clock, NOW - timedelta(days=10), [1, 2, 3], "永城起火")
    stored_at(clock, NOW - timedelta(days=2), [4, 5], "永城起火")
    clock.move_to(NOW, tick=False)
    incident = Incident.objects.create(title="永城火情")
    LinkedDocument.objects.create(incident=incident, document=old[0], included=True)  # evidence is kept
    assert found("永城起火") == {"t1", "t2", "t3", "t4", "t5"}

    retention_days(5)
    done = retention.run()
    assert done["documents_deleted"] == 2 and done["documents_kept"] == 1
    assert set(Document.objects.values_list("external_id", flat=True)) == {"t1", "t4", "t5"}
    assert found("永城起火") == {"t1", "t4", "t5"}
    assert found("永城起火2") == set() and found("永城起火4") == {"t4"}
    if connection.vendor != "sqlite":
        assert done["partitions_dropped"] >= 1
        days = index.partitions()
        assert (NOW - timedelta(days=10)).date() not in days and (NOW - timedelta(days=2)).date() in days
        assert rows_by_partition()[index.DEFAULT_PARTITION] == 1  # the evidence's row moved there
        # a document stored now still goes to today's partition
        stored_at(clock, NOW, [6], "永城起火")
        assert rows_by_partition()[index.partition_name(NOW.date())] == 1
    assert retention.run()["documents_deleted"] == 0


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_rows_of_the_unpartitioned_index(migrate, clock):  # noqa: F811
    old = migrate([("documents", "0009_analysis_checkpoint")])
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE relname = 'document_search'")
        assert cursor.fetchone()[0] == "r"  # the table before issue 10
    Doc = old.get_model("documents", "Document")
    days = [NOW - timedelta(days=3), NOW - timedelta(days=3, hours=-2), NOW]
    docs = [
        Doc.objects.create(dedup_key=f"i:{n}", external_id=f"t{n}", text=f"永城起火{n}", published_at=when, collected_at=when)
        for n, when in enumerate(days)
    ]
    with connection.cursor() as cursor:
        for doc in docs:
            cursor.execute(
                "INSERT INTO document_search (doc_id, tsv) VALUES (%s, %s::tsvector)",
                [doc.pk, index._tsvector_literal(*index._tokens(doc))],
            )
        cursor.execute("INSERT INTO document_search (doc_id, tsv) VALUES (999999, '永城:1')")  # its document is gone

    migrate([("documents", "0010_search_index_partitioned")])
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE relname = 'document_search'")
        assert cursor.fetchone()[0] == "p"
        cursor.execute("SELECT doc_id, day FROM document_search WHERE doc_id = ANY(%s) ORDER BY doc_id",
                       [[doc.pk for doc in docs] + [999999]])
        rows = cursor.fetchall()
    assert rows[:3] == [(doc.pk, when.date()) for doc, when in zip(docs, days)]
    assert rows[3][0] == 999999  # kept, with today's day
    assert {NOW.date(), (NOW - timedelta(days=3)).date()} <= set(index.partitions())
    clock.move_to(NOW, tick=False)
    assert found("永城起火") == {"t0", "t1", "t2"}
    assert found("永城起火1") == {"t1"}
