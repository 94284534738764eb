"""Events ranked by size with their risk posts weighing more, on the dashboard and the incidents page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.documents.factories import BASE_TIME, item
from yuqing.documents.event_rank import RISK_WEIGHT, rank, ranked_events, ranked_in, risk_of_events
from yuqing.documents.models import Document, Event
from yuqing.documents.store import store_batch

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_events():
    """A 10-post gossip event, and a 5-post fire of which 4 posts are risk posts (3 事故灾难, 1 社会安全)."""
    store_batch([item(i, f"明星八卦 {i}") for i in range(10)] + [item(10 + i, f"永城化工厂起火 {i}") for i in range(5)], None, None)
    docs = list(Document.objects.order_by("external_id"))
    for doc in docs:
        fire = "起火" in doc.text
        doc.event_id = "fire" if fire else "gossip"
        number = int(doc.external_id[1:])
        doc.risk = int(fire and number < 14)
        doc.risk_type = ("社会安全" if number == 13 else "事故灾难") if doc.risk else ""
    Document.objects.bulk_update(docs, ["event_id", "risk", "risk_type"])
    for key, size in (("gossip", 10), ("fire", 5)):
        Event.objects.create(key=key, title=key, size=size, first_seen=BASE_TIME, last_seen=BASE_TIME + timedelta(hours=1))


def test_risk_posts_lift_an_event_above_a_larger_one(two_events):
    assert risk_of_events(["fire", "gossip"]) == {"fire": risk_of_events(["fire"])["fire"]}
    fire = risk_of_events(["fire"])["fire"]
    assert (fire.posts, fire.type) == (4, "事故灾难")  # the most common type
    assert rank(5, 4) == 5 + RISK_WEIGHT * 4 > rank(10, 0)
    assert [(e.key, r.posts) for e, r in ranked_events(Event.objects.all(), 10)] == [("fire", 4), ("gossip", 0)]
    assert [(r["event_id"], r["n"], r["risk_posts"]) for r in ranked_in(Document.objects.all())] == [("fire", 5, 4), ("gossip", 10, 0)]


def test_the_dashboard_and_the_incidents_page_rank_with_risk(two_events, client, admin_user, clock):
    from yuqing.briefings import dashboard

    clock.move_to(BASE_TIME + timedelta(hours=2))
    events = dashboard.data(admin_user, now=BASE_TIME + timedelta(hours=2))["events"]
    assert [(e["key"], e["risk"], e["risk_type"]) for e in events] == [("fire", 4, "事故灾难"), ("gossip", 0, "")]
    client.force_login(admin_user)
    html = client.get(reverse("incidents:list")).content.decode()
    assert html.index(">fire<") < html.index(">gossip<")
