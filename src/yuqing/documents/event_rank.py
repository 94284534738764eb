"""Which events people are shown, and in what order: one rule for the dashboard, the incidents
page, the briefings, the event page and the "new event in a watched place" alert.

Shown: an event told by at least YUQING_EVENT_MIN_AUTHORS authors (default 3). An author is a
name on a site, and posts without a name count once per site, so one account's chatter (今天天气
不错, posted five times) is no event however often it is posted, while a report taken up by three
sites is.

Order: first the events that concern the office, where at least OFFICE_SHARE of the posts name a
place in the office's area (documents.area) or were matched by one of its monitoring schemes; then
the rest. Within each, by rank = posts + RISK_WEIGHT · risk posts (the risk stage's label). So a
fire in the office's county told on three sites comes before a bigger story from elsewhere, and a
story that mentions the county once in passing does not jump the queue.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.conf import settings
from django.db.models import CharField, Count, Min, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.utils.module_loading import import_string

from yuqing.documents.area import area_filter, office_area
from yuqing.documents.models import Document, Event
from yuqing.extensions import declared

RISK_WEIGHT = 2  # a risk post counts as three posts
OFFICE_SHARE = 0.25  # an event concerns the office when this share of its posts is about its area or schemes
CANDIDATES = 500  # the largest current events looked at before ranking


@dataclass(frozen=True)
class EventFigures:
    """One event's posts (within the documents looked at) and what makes it matter."""

    key: str
    posts: int
    authors: int  # distinct (site, author); posts without an author count once per site
    sites: int
    risk_posts: int = 0
    area_posts: int = 0  # naming a place in the office's area
    watched_posts: int = 0  # matched by one of the office's schemes
    office_posts: int = 0  # either of the two
    first: datetime | None = None
    risk_type: str = ""  # the most common 突发事件 type of its risk posts

    @property
    def rank(self) -> int:
        return self.posts + RISK_WEIGHT * self.risk_posts

    @property
    def concerns_office(self) -> bool:
        return self.office_posts > 0 and self.office_posts >= OFFICE_SHARE * self.posts

    @property
    def shown(self) -> bool:
        return self.authors >= min_authors()


def min_authors() -> int:
    return max(1, getattr(settings.YUQING, "event_min_authors", 3))


def watched_filter() -> Q:
    """Documents that an installed app says the office follows (monitoring: matched by a scheme)."""
    paths = [interest.documents for interest in declared("interest") if interest.documents]
    condition = Q()
    for path in paths:
        condition |= import_string(path)()
    return condition if paths else Q(pk__in=[])


def _voice() -> Concat:
    return Concat("site", Value("\x1f"), "author", output_field=CharField())


def authors_of(key: str) -> int:
    """How many authors tell the event (a name on a site; posts without one count once per site)."""
    return Document.objects.filter(event_id=key).aggregate(n=Count(_voice(), distinct=True))["n"]


def is_shown(key: str) -> bool:
    return authors_of(key) >= min_authors()


def figures(docs: QuerySet[Document]) -> dict[str, EventFigures]:
    """Event key → its figures over `docs` (documents outside any event are left out)."""
    voice = _voice()
    area, watched = area_filter(office_area()), watched_filter()
    rows = (docs.exclude(event_id="").order_by().values("event_id")
            .annotate(n=Count("id"), voices=Count(voice, distinct=True), sites=Count("site", distinct=True),
                      risk_posts=Count("id", filter=Q(risk=1)), area=Count("id", filter=area),
                      watched=Count("id", filter=watched), office=Count("id", filter=area | watched), first=Min("published_at")))
    return {row["event_id"]: EventFigures(row["event_id"], row["n"], row["voices"], row["sites"], row["risk_posts"],
                                          row["area"], row["watched"], row["office"], row["first"]) for row in rows}


def _risk_types(docs: QuerySet[Document], keys: list[str]) -> dict[str, str]:
    """Event key → the most common type of its risk posts among `docs`."""
    rows = (docs.filter(event_id__in=keys, risk=1).order_by().values("event_id", "risk_type")
            .annotate(n=Count("id")).order_by("event_id", "-n", "risk_type"))
    found: dict[str, str] = {}
    for row in rows:
        found.setdefault(row["event_id"], row["risk_type"])
    return found


def ranked(docs: QuerySet[Document], limit: int) -> list[EventFigures]:
    """The events among `docs` that are shown, highest rank first, at most `limit`."""
    shown = [f for f in figures(docs).values() if f.shown]
    shown.sort(key=lambda f: (not f.concerns_office, -f.rank, -f.posts, f.first, f.key))  # first: never None (published_at is required)
    types = _risk_types(docs, [f.key for f in shown[:limit] if f.risk_posts])
    return [replace(f, risk_type=types.get(f.key, "")) for f in shown[:limit]]


def ranked_events(events: QuerySet[Event], limit: int) -> list[tuple[Event, EventFigures]]:
    """The `limit` highest-ranked shown events of `events` (of its CANDIDATES largest), over all their posts."""
    candidates = {e.key: e for e in events.filter(size__gte=min_authors()).order_by("-size", "-last_seen")[:CANDIDATES]}
    found = ranked(Document.objects.filter(event_id__in=list(candidates)), limit)
    return [(candidates[f.key], f) for f in found]


def event_figures(key: str) -> EventFigures | None:
    """One event's figures over all its posts (the event page, the alert rule)."""
    return figures(Document.objects.filter(event_id=key)).get(key)
