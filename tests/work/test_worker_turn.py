"""The analysis owner keeps to its backlog while another live worker takes the tasks (issue 10)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from yuqing.work import runner
from yuqing.work.worker import Worker
from yuqing.work.models import WorkerBeat

pytestmark = pytest.mark.django_db


def peer(roles: str, seconds_ago: float = 1) -> None:
    at = timezone.now() - timedelta(seconds=seconds_ago)
    WorkerBeat.objects.create(identity=f"other:{roles}:{seconds_ago}", roles=roles, host="other", pid=1,
                              started_at=at, beat_at=at)


def test_alone_a_worker_takes_its_tasks_itself():
    assert not Worker()._tasks_taken_elsewhere()


def test_a_live_worker_with_every_role_takes_the_tasks():
    peer("all")
    assert Worker()._tasks_taken_elsewhere()


def test_a_worker_with_fewer_roles_or_a_silent_one_does_not():
    peer("collect")  # runs none of the matching and delivery tasks
    peer("all", seconds_ago=600)  # stopped beating ten minutes ago
    assert not Worker()._tasks_taken_elsewhere()


def test_the_owner_with_a_backlog_leaves_the_tasks_and_takes_them_when_idle(monkeypatch):
    peer("all")
    worker = Worker()
    backlog = [2000, 0]
    monkeypatch.setattr(worker, "loops", [type("Loop", (), {"run": "tests.work.test_worker_turn.loop_turn"})()])
    monkeypatch.setattr("tests.work.test_worker_turn.loop_turn", lambda: backlog.pop(0))
    ran: list[int] = []
    monkeypatch.setattr(runner, "run_due", lambda kinds: ran.append(1) or 0)
    worker.turn()  # a full batch analysed: the tasks are left to the other worker
    assert ran == []
    worker.turn()  # nothing left to analyse: tasks too
    assert ran == [1]


def loop_turn() -> int:
    return 0
