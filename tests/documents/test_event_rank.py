"""Which events people are shown and in what order: one rule (documents.event_rank) for the dashboard,
the incidents page, the briefings and the event page. One account's chatter is no event; what
happens in the office's area, or what its schemes watch, comes before a bigger unrelated story."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from django.urls import reverse

from tests.documents.factories import BASE_TIME, item
from yuqing.documents.area import office_area
from yuqing.documents.event_rank import RISK_WEIGHT, event_figures, figures, ranked, ranked_events
from yuqing.documents.models import Document, DocumentPlace, Event
from yuqing.documents.store import store_batch

pytestmark = pytest.mark.django_db
YONGCHENG = ("411481", "county")


def make_event(key: str, posts: list[tuple[str, str]], text: str, places=(), risk: int = 0, start: int = 0) -> None:
    """An event of len(posts) posts, each (author, site); the first `risk` are risk posts of type 事故灾难."""
    items = [item(start + n, f"{text} {n}", site=site, author=author) for n, (author, site) in enumerate(posts)]
    store_batch(items, None, None)
    docs = list(Document.objects.filter(external_id__in=[i.external_id for i in items]).order_by("published_at"))
    for n, doc in enumerate(docs):
        doc.event_id, doc.risk, doc.risk_type = key, int(n < risk), "事故灾难" if n < risk else ""
    Document.objects.bulk_update(docs, ["event_id", "risk", "risk_type"])
    DocumentPlace.objects.bulk_create([DocumentPlace(document=doc, code=code, level=level) for doc in docs for code, level in places])
    Event.objects.create(key=key, title=text, size=len(posts), first_seen=BASE_TIME, last_seen=BASE_TIME + timedelta(hours=1))


def voices(n: int, sites: int = 1) -> list[tuple[str, str]]:
    return [(f"网友{i}", f"site{i % sites}.example") for i in range(n)]


@pytest.fixture
def office(settings):
    """An office in 永城市 (YUQING_PLACE)."""
    settings.YUQING = dataclasses.replace(settings.YUQING, place="永城市")


@pytest.fixture
def world(office):
    """One account's chatter posted six times; gossip told by 30 people on one site elsewhere; a fire in
    永城 told by five people on three sites."""
    make_event("kite", [("路人甲", "weibo.example")] * 6, "今天天气不错，带孩子去公园放风筝")
    make_event("gossip", voices(30), "明星八卦", start=100)
    make_event("fire", voices(5, sites=3), "永城化工厂起火", places=[YONGCHENG], start=200)


def test_one_accounts_chatter_is_no_event_however_often_posted(world):
    kite = event_figures("kite")
    assert (kite.posts, kite.authors, kite.sites, kite.shown) == (6, 1, 1, False)
    assert "kite" not in [f.key for f in ranked(Document.objects.all(), 10)]
    assert "kite" not in [e.key for e, _f in ranked_events(Event.objects.all(), 10)]


def test_posts_without_an_author_count_once_per_site(office):
    make_event("news", [("", "a.example"), ("", "b.example"), ("", "c.example"), ("", "c.example")], "通报")
    news = event_figures("news")
    assert (news.authors, news.sites, news.shown) == (3, 3, True)


def test_an_incident_in_the_office_area_ranks_above_a_bigger_unrelated_story(world):
    assert office_area().codes == ("411481",)
    fire, gossip = event_figures("fire"), event_figures("gossip")
    assert (fire.area_posts, gossip.area_posts) == (5, 0)
    assert fire.posts < gossip.posts and fire.concerns_office and not gossip.concerns_office
    assert [f.key for f in ranked(Document.objects.all(), 10)] == ["fire", "gossip"]


def test_a_story_naming_the_area_in_passing_does_not_jump_the_queue(office):
    make_event("national", voices(40), "全国性话题")
    make_event("passing", voices(30), "另一话题", start=100)
    DocumentPlace.objects.create(document=Document.objects.filter(event_id="passing").first(), code="411481", level="county")
    passing = event_figures("passing")
    assert passing.area_posts == 1 and not passing.concerns_office
    assert [f.key for f in ranked(Document.objects.all(), 10)] == ["national", "passing"]


def test_without_an_area_size_decides_and_risk_posts_weigh_more(settings):
    settings.YUQING = dataclasses.replace(settings.YUQING, place="")
    make_event("gossip", voices(10), "明星八卦")
    make_event("fire", voices(5), "永城化工厂起火", places=[YONGCHENG], risk=4, start=100)
    assert office_area() is None  # no YUQING_PLACE, no scheme
    fire = event_figures("fire")
    assert (fire.area_posts, fire.rank) == (0, 5 + RISK_WEIGHT * 4)
    assert [(e.key, f.risk_posts, f.risk_type) for e, f in ranked_events(Event.objects.all(), 10)] == [
        ("fire", 4, "事故灾难"), ("gossip", 0, "")]


def test_the_area_comes_from_the_schemes_when_not_configured(settings, admin_user):
    from yuqing.monitoring.schemes import SchemeSpec, save_scheme

    settings.YUQING = dataclasses.replace(settings.YUQING, place="")
    save_scheme(admin_user, None, SchemeSpec(name="火情", place_words="永城 睢阳", subject_words="起火"))
    assert office_area().codes == ("4114",)  # 商丘市 holds both
    save_scheme(admin_user, None, SchemeSpec(name="电梯", place_words="郑州", subject_words="电梯"))
    assert office_area().codes == ("41",)
    assert not office_area().configured


def test_posts_a_scheme_matched_lift_their_event(settings, admin_user):
    from yuqing.monitoring.models import SchemeMatch
    from yuqing.monitoring.schemes import SchemeSpec, save_scheme

    settings.YUQING = dataclasses.replace(settings.YUQING, place="")
    make_event("gossip", voices(20), "明星八卦")
    make_event("bus", voices(4), "城际公交开通", start=100)
    scheme = save_scheme(admin_user, None, SchemeSpec(name="公交", subject_words="城际公交"))
    SchemeMatch.objects.bulk_create([SchemeMatch(scheme=scheme, document=d, published_at=d.published_at)
                                     for d in Document.objects.filter(event_id="bus")], ignore_conflicts=True)
    assert event_figures("bus").watched_posts == 4
    assert [f.key for f in ranked(Document.objects.all(), 10)] == ["bus", "gossip"]
    scheme.active = False
    scheme.save()
    assert event_figures("bus").watched_posts == 0


def test_the_minimum_is_a_setting(world, settings):
    settings.YUQING = dataclasses.replace(settings.YUQING, event_min_authors=1)
    assert "kite" in figures(Document.objects.all()) and event_figures("kite").shown
    settings.YUQING = dataclasses.replace(settings.YUQING, event_min_authors=6)
    assert [f.key for f in ranked(Document.objects.all(), 10)] == ["gossip"]


def test_the_dashboard_the_incidents_page_and_the_event_page_follow_the_rule(world, client, admin_user, clock):
    from yuqing.briefings import dashboard

    clock.move_to(BASE_TIME + timedelta(hours=2))
    events = dashboard.data(admin_user, now=BASE_TIME + timedelta(hours=2))["events"]
    assert [(e["key"], e["authors"]) for e in events] == [("fire", 5), ("gossip", 30)]
    client.force_login(admin_user)
    html = client.get(reverse("incidents:list")).content.decode()
    assert html.index("永城化工厂起火") < html.index("明星八卦") and "放风筝" not in html
    page = client.get(reverse("documents:event", args=["kite"])).content.decode()
    assert 'id="event-shown"' in page and "data-shown=\"0\"" in page
    assert "data-shown=\"1\"" in client.get(reverse("documents:event", args=["fire"])).content.decode()
