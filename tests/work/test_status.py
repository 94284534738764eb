"""`yuqing status`: who is alive, who owns what, what waits and for how long, what gave up and why."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from yuqing.cli import main
from yuqing.work import leases, queue, runner
from yuqing.work.models import Task, WorkerBeat

pytestmark = pytest.mark.django_db(transaction=True)


def test_status_names_workers_owners_waiting_work_and_failures(capsys):
    now = timezone.now()
    WorkerBeat.objects.create(identity="host-a:41:abc", roles="collect,notify", host="host-a", pid=41,
                              started_at=now - timedelta(minutes=5), beat_at=now, tasks_done=7)
    WorkerBeat.objects.create(identity="host-b:42:def", roles="all", host="host-b", pid=42,
                              started_at=now - timedelta(hours=2), beat_at=now - timedelta(minutes=10))  # gone
    leases.acquire("analysis", holder="host-a:41:abc")
    runner.set_inline(False)
    try:
        queue.enqueue("event", {"event": "x", "handler": "y", "payload": {}})
        queue.enqueue("collect", {"source": 1})
    finally:
        runner.set_inline(True)
    Task.objects.filter(kind="collect").update(state=Task.State.FAILED, attempts=6, last_error="FetchError: timed out")
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "workers alive: 1" in out and "host-a:41:abc  roles collect,notify" in out and "host-b" not in out
    assert "owner of analysis: host-a:41:abc" in out
    assert "tasks waiting: event 1" in out
    assert "gave up: task" in out and "(collect) after 6 attempts: FetchError: timed out" in out


def test_status_shows_how_many_documents_the_analysis_wrote_lately(capsys, settings):
    import dataclasses

    from tests.documents.factories import item
    from yuqing.documents.models import Document
    from yuqing.documents.store import store_batch

    settings.YUQING = dataclasses.replace(settings.YUQING, analyze_on_store=False)
    store_batch([item(n, f"第{n}条") for n in range(5)], None, None)
    now, ids = timezone.now(), list(Document.objects.order_by("id").values_list("id", flat=True))
    for pk, ago in zip(ids, [timedelta(seconds=10), timedelta(seconds=50), timedelta(minutes=30), timedelta(hours=3)]):
        Document.objects.filter(pk=pk).update(analyzed_at=now - ago)  # the fifth is still waiting
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "documents analysed: 2 in the last minute (0.0/s), 3 in the last hour" in out
    assert "documents waiting for analysis: 1" in out
