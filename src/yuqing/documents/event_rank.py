"""Which events come first: their size, with risk posts weighing more.

A fire told in 10 posts matters more to a duty officer than gossip told in 20, so an event's rank
is its posts plus RISK_WEIGHT more for each risk post among them (the risk stage's label, stored
per document): rank = size + RISK_WEIGHT · risk posts. Each event also carries its risk posts'
most common 突发事件 type, for the lists that show it. The dashboard, the incidents page and the
briefings rank events this way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from django.db.models import Count, F, Q, QuerySet

from yuqing.documents.models import Document, Event

RISK_WEIGHT = 2  # a risk post counts as three posts
CANDIDATES = 200  # the largest events looked at before ranking


@dataclass(frozen=True)
class RiskOfEvent:
    posts: int = 0  # risk posts
    type: str = ""  # their most common type


def risk_of_events(keys: Iterable[str]) -> dict[str, RiskOfEvent]:
    """event key → its risk posts and their most common type (events without any are left out)."""
    rows = (Document.objects.filter(event_id__in=list(keys), risk=1).values("event_id", "risk_type")
            .annotate(n=Count("id")).order_by("event_id", "-n", "risk_type"))
    found: dict[str, RiskOfEvent] = {}
    for row in rows:
        known = found.get(row["event_id"])
        found[row["event_id"]] = RiskOfEvent((known.posts if known else 0) + row["n"], known.type if known else row["risk_type"])
    return found


def rank(size: int, risk_posts: int) -> int:
    return size + RISK_WEIGHT * risk_posts


def ranked_events(events: QuerySet[Event], limit: int) -> list[tuple[Event, RiskOfEvent]]:
    """The `limit` highest-ranked of `events` (of its CANDIDATES largest), with their risk."""
    candidates = list(events.order_by("-size", "-last_seen")[:CANDIDATES])
    risk = risk_of_events(e.key for e in candidates)
    pairs = [(event, risk.get(event.key, RiskOfEvent())) for event in candidates]
    pairs.sort(key=lambda pair: -rank(pair[0].size, pair[1].posts))
    return pairs[:limit]


def ranked_in(docs: QuerySet[Document]) -> QuerySet:
    """A period's documents grouped by event: n (posts), risk (risk posts), rank; highest rank first."""
    return (docs.exclude(event_id="").values("event_id")
            .annotate(n=Count("id"), risk_posts=Count("id", filter=Q(risk=1)))
            .annotate(rank=F("n") + RISK_WEIGHT * F("risk_posts")).order_by("-rank", "-n"))
