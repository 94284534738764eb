"""Events are an outbox: written with the change, run once per handler after the commit, or later by a worker."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from yuqing import events
from yuqing.work import runner
from yuqing.work.models import Task

pytestmark = pytest.mark.django_db(transaction=True)
seen: list[tuple[str, object]] = []


def noted(user=None, users=(), **_):
    seen.append(("noted", user.username if user else [u.username for u in users]))


def flaky(user=None, **_):
    if not seen.count(("flaky", "tried")):
        seen.append(("flaky", "tried"))
        raise RuntimeError("the mail server is down")
    seen.append(("flaky", user.username))


@pytest.fixture
def subscribed(monkeypatch):
    from collections import defaultdict

    monkeypatch.setattr(events, "_handlers", defaultdict(list))
    seen.clear()
    events.subscribe("test.happened", noted)
    yield
    runner.set_inline(True)


def test_a_handler_runs_after_the_commit_with_its_models_read_again(subscribed):
    user = get_user_model().objects.create(username="li")
    with transaction.atomic():
        events.emit("test.happened", user=user)
        assert seen == [] and Task.objects.filter(kind="event").count() == 1
    assert seen == [("noted", "li")]
    assert Task.objects.get(kind="event").state == Task.State.DONE


def test_a_process_that_dies_before_the_handler_loses_nothing(subscribed):
    runner.set_inline(False)  # as in a process whose worker never got to it (killed after the commit)
    users = [get_user_model().objects.create(username=name) for name in ("a", "b")]
    events.emit("test.happened", users=users)
    assert seen == []
    runner.set_inline(True)
    assert runner.run_due(["event"]) == 1  # a worker, later
    assert seen == [("noted", ["a", "b"])]
    assert runner.run_due(["event"]) == 0  # and only once


def test_nothing_happens_for_a_rolled_back_change(subscribed):
    user = get_user_model().objects.create(username="li")
    with pytest.raises(RuntimeError), transaction.atomic():
        events.emit("test.happened", user=user)
        raise RuntimeError
    assert seen == [] and not Task.objects.exists()


def test_a_failing_handler_is_tried_again_and_the_others_run_once(subscribed):
    events.subscribe("test.happened", flaky)
    user = get_user_model().objects.create(username="li")
    events.emit("test.happened", user=user)
    assert seen == [("noted", "li"), ("flaky", "tried")]
    failed = Task.objects.get(payload__handler=events.handler_name(flaky))
    assert failed.state == Task.State.READY and "mail server is down" in failed.last_error
    Task.objects.filter(pk=failed.pk).update(run_after=failed.created_at)  # its backoff is over
    assert runner.run_due(["event"]) == 1
    assert seen == [("noted", "li"), ("flaky", "tried"), ("flaky", "li")]


def test_a_payload_that_cannot_be_stored_still_reaches_the_handlers_in_this_process(subscribed):
    events.emit("test.happened", user=None, users=[], thing=object())
    assert seen == [("noted", [])] and not Task.objects.exists()
