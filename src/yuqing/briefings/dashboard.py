"""The dashboard's data (JSON for static/yuqing/dashboard.js): the same figures as the briefings.

Volume per day with its negative part (documents.negative: by default negative emotion or a risk
post), sentiment split, risk posts by 突发事件 type, current events (those shown, ranked by
documents.event_rank: the office's area, its schemes, risk posts, size) and lifecycle, keywords for
the word cloud, posts per province and city and across the office's area (area_map: the map card),
top sources, open incidents; from the apps that are installed: open alerts and who is on duty
(monitoring), this month's reporting (submissions).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from importlib.util import find_spec
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext as _

from yuqing import shared_figures
from yuqing.accounts.people import person_name
from yuqing.analysis.risk_features import TYPES
from yuqing.documents.labels import risk_type_label, sentiment_label
from yuqing.briefings import area_map
from yuqing.documents.event_rank import ranked_events
from yuqing.documents.models import Document, Event
from yuqing.documents.negative import description, negative_filter
from yuqing.incidents import stats
from yuqing.sources.site_names import site_name

DAYS, RECENT_DAYS = 14, 7
CACHE_SECONDS = 10  # the view's: how old the office-wide figures may be


def data(user, now: datetime | None = None, cache_seconds: float = 0) -> dict[str, Any]:
    """The dashboard's figures for this user. The office-wide part (everything but incidents, alerts,
    reporting and the map's refusal note) is the same for everyone: with `cache_seconds` it is
    computed once per that many seconds and language, not once per user and view, and served
    while the next is computed (yuqing.shared_figures; issue 11)."""
    now = now or timezone.now()
    shared = _shared_cached(now, cache_seconds) if cache_seconds else _shared(now)
    return {**shared, "map": _map_for(user, shared["map"]), "incidents": _incidents(user), "alerts": _alerts(user),
            "reporting": _reporting(user, now)}


def _shared_cached(now: datetime, seconds: float) -> dict[str, Any]:
    digest = hashlib.sha1(area_map.signature().encode()).hexdigest()[:16]  # a map installed now shows now
    key = f"yuqing.dashboard:{get_language()}:{timezone.get_current_timezone_name()}:{digest}"
    return shared_figures.shared(key, seconds, lambda: _shared(now))


def _shared(now: datetime) -> dict[str, Any]:
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    since = today - timedelta(days=DAYS - 1)
    recent = Document.objects.filter(published_at__gte=now - timedelta(days=RECENT_DAYS), published_at__lt=now)
    return {
        "generated_at": now.isoformat(),
        "volume": _volume(since, now),
        "sentiment": [{"key": s.key, "label": _label(s.key), "count": s.count} for s in stats.sentiments(recent)],
        "risk": _risk(recent, now),
        "events": _events(now),
        "words": stats.keyword_weights(Document.objects.filter(published_at__gte=now - timedelta(days=3)), 80),
        "provinces": [{"name": s.label, "code": s.key, "value": s.count} for s in stats.places(recent, "province", 40)],
        "cities": [{"name": s.label, "code": s.key, "value": s.count} for s in stats.places(recent, "city", 60)],
        "map": {**area_map.data(recent), "search": _search(now, "place:")},
        "sources": [{"site": site_name(s.label), "count": s.count} for s in stats.sites(recent, 10)],
        "duty": _duty(now),
    }


def _map_for(user, found: dict) -> dict:
    """The map card (area_map); why an installed national map was refused, for administrators only."""
    from yuqing.accounts.roles import has_role

    if user.is_superuser or has_role(user, "admin"):
        return found
    return {**found, "national_refused": ""}


def _label(key: str) -> str:
    return sentiment_label(key) or str(_("not analysed"))


def _volume(since: datetime, now: datetime) -> dict[str, list]:
    docs = Document.objects.filter(published_at__gte=since, published_at__lt=now)
    buckets = stats.series(docs, timedelta(days=1), since, now)
    negative = {b.start: b.count for b in stats.series(docs.filter(negative_filter()), timedelta(days=1), since, now)}
    return {"labels": [timezone.localtime(b.start).strftime("%m-%d") for b in buckets],
            "values": [b.count for b in buckets], "negative": [negative.get(b.start, 0) for b in buckets],
            "negative_means": description()}


def _search(now: datetime, query: str) -> str:
    """The document search over the last days (the dashboard's recent window) for `query`; ends with the query."""
    days = {"since": timezone.localtime(now - timedelta(days=RECENT_DAYS)).date().isoformat(),
            "until": timezone.localtime(now).date().isoformat()}
    return reverse("documents:list") + "?" + urlencode({**days, "q": query})


def _risk(recent, now: datetime) -> dict:
    """Risk posts of the last days per 突发事件 type, each with the search that lists them."""
    counts = dict(recent.filter(risk=1).values_list("risk_type").annotate(n=Count("id")).values_list("risk_type", "n"))
    link = lambda query: _search(now, query)  # noqa: E731
    return {"total": sum(counts.values()), "url": link("risk:1"),
            "types": [{"type": kind, "label": risk_type_label(kind), "count": counts[kind], "url": link(f"risk:1 type:{kind}")}
                      for kind in TYPES if counts.get(kind)]}


def _events(now: datetime) -> list[dict]:
    current = Event.objects.filter(last_seen__gte=now - timedelta(days=3), merged_into="")
    return [{"key": e.key, "title": e.title or e.key, "size": e.size, "growth": round(e.growth_per_hour, 1),
             "risk": figures.risk_posts, "risk_type": risk_type_label(figures.risk_type), "authors": figures.authors, "lifecycle": e.lifecycle, "lifecycle_label": e.get_lifecycle_display(),
             "last_seen": timezone.localtime(e.last_seen).strftime("%m-%d %H:%M"),
             "open_url": reverse("incidents:new") + f"?event={e.key}"} for e, figures in ranked_events(current, 10)]


def _incidents(user) -> list[dict]:
    """Open incidents, those the user may see (an officer sees only the lead groups they are in)."""
    from yuqing.incidents.access import visible_incidents
    from yuqing.incidents.models import Incident

    return [{"title": i.title, "severity": i.get_severity_display(), "severity_key": i.severity,
             "state": i.get_state_display(), "url": reverse("incidents:detail", args=[i.pk])}
            for i in visible_incidents(user).exclude(state=Incident.State.CLOSED).order_by("-opened_at")[:8]]


def _alerts(user) -> dict:
    """The alerts this user sees that are not yet taken up; `waiting` is the count every page shows."""
    if not find_spec("yuqing.monitoring.models"):
        return {"available": False, "items": [], "count": 0, "waiting": 0}
    from yuqing.monitoring.access import alert_counts, visible_alerts
    from yuqing.monitoring.models import Alert

    counts = alert_counts(user)
    waiting = visible_alerts(user).exclude(status=Alert.Status.TAKEN).select_related("scheme")
    return {"available": True, "count": counts["open"], "waiting": counts["new"], "items": [
        {"title": a.title, "severity": a.get_severity_display(), "severity_key": a.severity, "status": a.get_status_display(),
         "posts": a.document_count, "url": reverse("monitoring:alert", args=[a.pk])} for a in waiting.order_by("-updated_at")[:8]]}



def _duty(now: datetime) -> dict:
    if not find_spec("yuqing.monitoring.duty"):
        return {"available": False}
    from yuqing.monitoring.duty import shift_at

    shift = shift_at(now)
    if shift is None:
        return {"available": True, "officer": "", "backup": "", "leader": "", "until": ""}
    return {"available": True, "officer": person_name(shift.officer), "backup": person_name(shift.backup),
            "leader": person_name(shift.leader), "until": timezone.localtime(shift.ends_at).strftime("%m-%d %H:%M")}


def _reporting(user, now: datetime) -> dict:
    if not find_spec("yuqing.submissions.models"):
        return {"available": False}
    from yuqing.submissions.access import visible_deadlines, visible_submissions
    from yuqing.submissions.models import State

    month = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    items = visible_submissions(user).filter(created_at__gte=month)
    by_state = {row["state"]: row["n"] for row in items.values("state").annotate(n=Count("id"))}
    pending = visible_deadlines(user).filter(status="pending")
    return {"available": True, "month": month.strftime("%Y-%m"), "total": sum(by_state.values()),
            "states": [{"key": s, "label": str(State(s).label), "count": by_state.get(s, 0)} for s in State.values],
            "deadlines_pending": pending.count(), "deadlines_overdue": pending.filter(due_at__lt=now).count(),
            "url": reverse("submissions:list")}
