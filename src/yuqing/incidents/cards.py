"""The leader's card of open incidents on the overview page (declared on IncidentsConfig): each with
its severity, state, lead and how far its tasks have got."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest

from yuqing.incidents.access import visible_incidents
from yuqing.incidents.models import Incident, Member


def open_incidents(request: HttpRequest) -> dict:
    incidents = (visible_incidents(request.user).exclude(state=Incident.State.CLOSED)
                 .annotate(tasks_total=Count("tasks", distinct=True),
                           tasks_done=Count("tasks", filter=Q(tasks__done_at__isnull=False), distinct=True))
                 .order_by("-opened_at"))
    rows = list(incidents[:6])
    leads = Member.objects.filter(incident__in=rows, role=Member.Role.LEAD).select_related("user")
    lead_of = {m.incident_id: m.user for m in leads}
    return {"incidents": [{"incident": i, "lead": lead_of.get(i.pk)} for i in rows], "count": incidents.count()}
