"""Who may read a briefing: whoever may see everything it contains.

A special report tells an incident's statements, action log and lessons; a periodic briefing
lists the incidents open in its period. Both are read only by those who may see each of those
incidents (yuqing.incidents.access); a briefing that names no incident is for every user.
"""

from __future__ import annotations

import re

from django.db.models import QuerySet

from yuqing.briefings.models import Briefing

_INCIDENT_LINK = re.compile(r"/incidents/(\d+)/$")
LIST_LENGTH = 50


def incident_ids(briefing: Briefing) -> set[int]:
    """The incidents a briefing tells about: its own, and those its incident table links to."""
    ids = {briefing.incident_id} if briefing.incident_id else set()
    for section in briefing.content.get("sections", []):
        for row in (section.get("table") or {}).get("rows", []):
            found = _INCIDENT_LINK.search(row.get("link") or "")
            if found:
                ids.add(int(found.group(1)))
    return ids


def can_read(user, briefing: Briefing) -> bool:
    from yuqing.incidents.access import can_see_all, visible_incidents

    ids = incident_ids(briefing)
    if not ids or can_see_all(user):
        return True
    return visible_incidents(user).filter(pk__in=ids).count() == len(ids)


def readable(user, briefings: QuerySet[Briefing]) -> list[Briefing]:
    """The newest briefings the user may read (the list page)."""
    from yuqing.incidents.access import can_see_all

    if can_see_all(user):
        return list(briefings[:LIST_LENGTH])
    return [b for b in briefings[:LIST_LENGTH * 4] if can_read(user, b)][:LIST_LENGTH]
