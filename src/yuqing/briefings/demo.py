"""Demo briefings: yesterday's daily briefing and the special report of the closed demo incident."""

from __future__ import annotations

from yuqing.briefings.models import Briefing, Kind


def seed() -> str:
    from yuqing.briefings import actions, periods
    from yuqing.incidents.models import Incident

    made = []
    yesterday = periods.last_complete("daily")
    if not Briefing.objects.filter(kind=Kind.DAILY, period_start=yesterday.since, scheme_id=None, place_code="").exists():
        made.append(actions.generate(None, kind="daily", day=yesterday.first_day))
    incident = Incident.objects.filter(state=Incident.State.CLOSED).order_by("opened_at").first()
    if incident and not Briefing.objects.filter(kind=Kind.SPECIAL, incident=incident).exists():
        made.append(actions.generate_for_incident(None, incident))
    if not made:
        return "briefings: already present"
    return "briefings: " + "; ".join(f"#{b.pk} {b.title}" for b in made)
