"""The duty officer's watch on the overview page (declared on MonitoringConfig): who is on duty and
the user's own shifts, the alerts waiting for acknowledgement (theirs first), the events rising now."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from yuqing import shared_figures
from yuqing.accounts.roles import holds
from yuqing.documents.event_rank import ranked_events
from yuqing.documents.models import Event
from yuqing.monitoring.access import alert_counts, visible_alerts
from yuqing.monitoring.duty import shift_at
from yuqing.monitoring.models import Alert, Shift

AHEAD = timedelta(hours=24)  # a shift starting this soon puts its officer on watch already
RISING = (Event.Lifecycle.EMERGING, Event.Lifecycle.PEAKING)
RISING_SECONDS = 10  # how old the rising events on the overview may be


def on_watch(user) -> bool:
    """Duty officers, and whoever holds a shift now or in the next day (an administrator on the roster)."""
    if holds(user, "duty_officer"):
        return True
    now = timezone.now()
    return Shift.objects.filter(officer=user, ends_at__gt=now, starts_at__lt=now + AHEAD).exists()


def watch(request: HttpRequest) -> dict:
    user, now = request.user, timezone.now()
    mine_first = Case(When(assignee=user, then=Value(0)), default=Value(1), output_field=IntegerField())
    waiting = (visible_alerts(user).filter(status=Alert.Status.NEW).select_related("scheme", "assignee")
               .order_by(mine_first, "-updated_at"))
    return {"now_shift": shift_at(now), "my_next": _my_next(user, now), "waiting": list(waiting[:6]),
            "counts": alert_counts(user), "rising": rising(now)}


def rising(now) -> list[dict]:
    """The rising events, office-wide: computed once per RISING_SECONDS for every duty officer's overview."""
    key = f"yuqing.rising:{get_language()}:{timezone.get_current_timezone_name()}"
    return shared_figures.shared(key, RISING_SECONDS, lambda: _rising(now))


def _my_next(user, now) -> Shift | None:
    return Shift.objects.filter(officer=user, ends_at__gt=now).order_by("starts_at").first()


def _rising(now) -> list[dict]:
    """Shown events seen in the last day that are still growing, the fastest first."""
    recent = Event.objects.filter(last_seen__gte=now - timedelta(days=1), merged_into="", lifecycle__in=RISING)
    found = [{"event": event, "figures": figures} for event, figures in ranked_events(recent, 20)]
    found.sort(key=lambda row: -row["event"].growth_per_hour)
    return found[:5]
