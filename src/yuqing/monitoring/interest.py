"""What the office watches, for the rest of the product (declared as `interest` on MonitoringConfig):
the places its schemes watch (the office's area when YUQING_PLACE is not set, documents.area) and
the documents its active schemes matched (ranked higher among events, documents.event_rank)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from yuqing.monitoring.simple import words


def watched_places() -> list[str]:
    """The place words of active schemes and of their "new event in a watched place" rules."""
    from yuqing.monitoring.models import AlertRule, Scheme

    found: list[str] = []
    for box in Scheme.objects.filter(active=True).values_list("place_words", flat=True):
        found += words(box)
    rules = AlertRule.objects.filter(scheme__active=True, kind=AlertRule.Kind.EVENT_PLACE)
    for box in rules.values_list("places", flat=True):
        found += words(box)
    return list(dict.fromkeys(found))


def watched_documents() -> Q:
    """Documents that an active scheme matched."""
    from yuqing.monitoring.models import SchemeMatch

    return Q(Exists(SchemeMatch.objects.filter(document=OuterRef("pk"), scheme__active=True)))
