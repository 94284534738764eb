"""End to end in one process: stored posts go through the real analysis pipeline, whose
`documents.analyzed` event reaches monitoring, which alerts the officer on duty."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.documents.factories import item
from yuqing.documents.analysis import AnalysisService
from yuqing.documents.models import Document
from yuqing.documents.store import store_batch
from yuqing.monitoring.models import Alert, Shift
from yuqing.monitoring.schemes import RuleSpec, SchemeSpec, save_scheme
from yuqing.notifications.models import Notification

pytestmark = pytest.mark.django_db

POSTS = [
    "河南永城市东城区一化工厂起火，消防车已赶到现场",
    "永城化工厂起火浓烟很大，附近居民注意关窗",
    "转发微博//@本地生活号:河南永城市东城区一化工厂起火，消防车已赶到现场",
    "北京朝阳区今天举办图书节",
]


def test_stored_posts_reach_the_officer_through_the_pipeline(admin_user, people, settings):
    settings.YUQING = dataclasses.replace(settings.YUQING, event_min_authors=2)  # the story below has two authors
    now = timezone.now()
    Shift.objects.create(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=8), officer=people["officer"])
    save_scheme(admin_user, None, SchemeSpec(name="永城火情", place_words="永城", subject_words="起火",
                                             rules=[RuleSpec(kind="every", severity="high"),
                                                    RuleSpec(kind="event_place", places="永城", min_posts=2)]))
    store_batch([item(i, text, minutes=0, author=f"网友{i}") for i, text in enumerate(POSTS)], None, None)
    Document.objects.update(published_at=now - timedelta(minutes=5))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())  # run after-commit handlers now
        assert AnalysisService().analyze_pending() == 4
    # the first post, its repost and the other post about the same fire join one event: one alert
    # for them, not three, and not one per rule
    event_of = dict(Document.objects.values_list("text", "event_id"))
    assert event_of[POSTS[0]] == event_of[POSTS[1]] == event_of[POSTS[2]] != event_of[POSTS[3]]
    story = Alert.objects.get(group_key=f"event:{event_of[POSTS[0]]}")
    assert story.document_count == 3 and story.kinds == ["every", "event_place"]
    assert sum(a.document_count for a in Alert.objects.all()) == 3
    titles = Notification.objects.filter(user=people["officer"]).values_list("title", flat=True)
    assert all(title.startswith("[永城火情]") for title in titles) and len(titles) == Alert.objects.count()
