"""Two processes matching the same posts: each (scheme, post) is recorded once, and only the
process that recorded it alerts on it; two posts of one story make one alert; neither fails."""

from __future__ import annotations

import pytest

from tests.concurrency import postgres_only, while_first_holds
from tests.monitoring.helpers import at, posts, scheme
from yuqing.monitoring.models import Alert, AlertStep, SchemeMatch
from yuqing.monitoring.percolate import process, record
from yuqing.monitoring.schemes import RuleSpec, backfill
from yuqing.notifications.models import Notification

FIRE = "永城 AND 起火"


def watched(actor) -> tuple[object, list]:
    """Two stored posts of one story, and a scheme that matches them but has not recorded them yet
    (posts first: with transactions that commit, storing them analyses and matches them at once)."""
    docs = posts(*[{"text": f"永城起火 {i}", "minutes": 1, "event": "E"} for i in range(2)])
    watch = scheme(actor, FIRE, [RuleSpec(kind="every")])
    SchemeMatch.objects.all().delete()  # saving the scheme backfilled them: as if they had come in just now
    return watch, docs


@pytest.mark.django_db
def test_the_same_posts_recorded_twice_are_fresh_the_first_time_only(admin_user, people, roster):
    watch, docs = watched(admin_user)
    assert record({watch.pk: docs}, at(1)) == {watch.pk: docs}
    assert record({watch.pk: docs}, at(2)) == {}
    assert SchemeMatch.objects.filter(scheme=watch, backfilled=False).count() == 2


@pytest.mark.django_db
def test_the_same_posts_processed_twice_raise_one_alert_and_tell_once(admin_user, people, roster):
    _, docs = watched(admin_user)
    [alert] = process(docs, now=at(1))
    told, steps = Notification.objects.count(), AlertStep.objects.count()
    assert process(docs, now=at(2)) == []
    assert Alert.objects.get().pk == alert.pk and (Notification.objects.count(), AlertStep.objects.count()) == (told, steps)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_processes_matching_the_same_posts_at_once_alert_once(admin_user, people, roster):
    """The second one's insert waits for the first transaction, then finds the pairs taken: nothing fresh."""
    _, docs = watched(admin_user)
    [alert], second = while_first_holds(lambda: process(docs, now=at(1)), lambda: process(docs, now=at(1)))
    assert second == []
    assert list(Alert.objects.values_list("pk", "document_count")) == [(alert.pk, 2)]
    assert Notification.objects.filter(user=people["officer"]).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_scheme_backfilled_while_the_matcher_records_the_same_posts_keeps_the_matchers_rows(admin_user, people, roster):
    watch, docs = watched(admin_user)
    _, second = while_first_holds(lambda: process(docs, now=at(1)), lambda: backfill(watch, now=at(5)))
    assert second == 2
    assert list(SchemeMatch.objects.values_list("backfilled", flat=True)) == [False, False]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_processes_raising_the_alert_of_one_story_at_once_make_one_alert_of_both_posts(admin_user, people, roster):
    """Different posts of the same story: the second process finds the first one's new alert
    (waiting for its transaction) and joins its post to it, instead of failing to raise its own."""
    _, (one, other) = watched(admin_user)
    [alert], second = while_first_holds(lambda: process([one], now=at(1)), lambda: process([other], now=at(2)))
    assert [joined.pk for joined in second] == [alert.pk]
    assert list(Alert.objects.values_list("pk", "document_count")) == [(alert.pk, 2)]
