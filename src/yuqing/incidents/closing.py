"""The summary written when an incident closes: duration, peak, reach, actions, statements, lessons.

It is stored on the incident as JSON (times as ISO strings), so the record stays as it was at the
close even if documents are later re-analysed; every figure keeps its evidence ids.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from yuqing.accounts.people import person_name
from yuqing.incidents import evidence, stats
from yuqing.incidents.models import Entry, Incident


def _hours(start: datetime | None, end: datetime | None) -> float | None:
    return round((end - start).total_seconds() / 3600, 1) if start and end else None


def summarize(incident: Incident, closed_at: datetime, lessons: str) -> dict[str, Any]:
    docs = evidence.documents(incident)
    hourly = stats.series(docs)
    top = stats.peak(hourly)
    first = docs.order_by("published_at", "id").first()
    reach = stats.reach(docs)
    reach["provinces"] = len(stats.places(docs, "province", limit=100))
    reach["cities"] = len(stats.places(docs, "city", limit=1000))
    tasks = incident.tasks.all()
    return {
        "opened_at": incident.opened_at.isoformat(),
        "closed_at": closed_at.isoformat(),
        "duration_hours": _hours(incident.opened_at, closed_at),
        "first_post_at": first.published_at.isoformat() if first else None,
        "first_post_id": first.pk if first else None,
        "span_hours": _hours(first.published_at if first else None, closed_at),
        "peak": {"hour": top.start.isoformat(), "label": timezone.localtime(top.start).strftime("%Y-%m-%d %H:00"),
                 "count": top.count, "ids": top.ids} if top else None,
        "reach": reach,
        "sample_ids": list(docs.order_by("-reposts", "published_at").values_list("id", flat=True)[: stats.SAMPLE]),
        "actions": [{"at": e.at.isoformat(), "text": e.text, "author": person_name(e.author)}
                    for e in incident.entries.filter(kind=Entry.Kind.ACTION).select_related("author")],
        "statements": [{"at": s.published_at.isoformat(), "issuer": s.issuer, "channel": s.channel, "text": s.text}
                       for s in incident.statements.all()],
        "tasks": {"total": tasks.count(), "done": tasks.exclude(done_at=None).count()},
        "lessons": lessons,
    }

