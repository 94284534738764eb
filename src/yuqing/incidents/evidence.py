"""Which stored documents belong to an incident: its linked events' documents, plus documents
added by hand, minus documents taken out by hand."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from yuqing.documents.models import Document, Event
from yuqing.incidents.models import Incident


def event_keys(incident: Incident) -> list[str]:
    """Linked event keys, plus the events the clustering later merged into them."""
    keys = list(incident.linked_events.values_list("event_key", flat=True))
    merged = Event.objects.filter(merged_into__in=keys).values_list("key", flat=True) if keys else []
    return sorted(set(keys) | set(merged))


def documents(incident: Incident) -> QuerySet[Document]:
    links = incident.linked_documents
    included = links.filter(included=True).values("document_id")
    excluded = links.filter(included=False).values("document_id")
    keys = event_keys(incident)
    condition = Q(pk__in=included)
    if keys:
        condition |= Q(event_id__in=keys)
    return Document.objects.filter(condition).exclude(pk__in=excluded)


def events(incident: Incident) -> list[Event]:
    return list(Event.objects.filter(key__in=event_keys(incident)).order_by("first_seen"))
