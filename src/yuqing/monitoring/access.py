"""Who sees and handles alerts, and the one place every alert count on every page comes from.

Alerts are about the whole office's area: the monitoring roles (administrators, analysts, duty
officers, leaders) see and handle them; editors and chief editors see them (to turn a story into
a report) without handling them. Anyone else sees only the alerts they hold or whose scheme they
own. Counts shown anywhere (the alert list's heading, the scheme list, the duty page, the
dashboard) are `alert_counts` or `waiting_by_scheme` over `visible_alerts(user)`, so they agree.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from yuqing.accounts.people import person_name
from yuqing.accounts.roles import has_role
from yuqing.monitoring.models import Alert

HANDLERS = ("admin", "analyst", "duty_officer", "leader")
READERS = HANDLERS + ("editor", "chief_editor")


def is_handler(user) -> bool:
    return has_role(user, *HANDLERS)


def can_see_all_alerts(user) -> bool:
    return has_role(user, *READERS)


def visible_alerts(user) -> QuerySet[Alert]:
    if can_see_all_alerts(user):
        return Alert.objects.all()
    if not getattr(user, "pk", None):
        return Alert.objects.none()
    return Alert.objects.filter(Q(assignee=user) | Q(scheme__owner=user))


def filter_alerts(alerts: QuerySet[Alert], chosen: dict[str, str], holder=None) -> QuerySet[Alert]:
    """The alert list's filters; a kind matches any of an alert's reasons."""
    lookups = {"status": "status", "severity": "severity", "kind": "reasons__kind", "scheme": "scheme_id"}
    for name, value in chosen.items():
        if value:
            alerts = alerts.filter(**{lookups[name]: value})
    return alerts.filter(assignee=holder) if holder is not None else alerts


def alert_counts(user) -> dict[str, int]:
    """Visible alerts by status (one grouped query): waiting for acknowledgement, acknowledged, taken up."""
    found = {row["status"]: row["n"] for row in visible_alerts(user).order_by().values("status").annotate(n=Count("id"))}
    counts = {status: found.get(status, 0) for status in Alert.Status.values}
    counts["open"] = counts[Alert.Status.NEW] + counts[Alert.Status.ACKNOWLEDGED]
    return counts


def waiting_by_scheme(user) -> dict[int, int]:
    """Visible alerts waiting for acknowledgement, per scheme id."""
    rows = visible_alerts(user).filter(status=Alert.Status.NEW).order_by().values("scheme_id").annotate(n=Count("id"))
    return {row["scheme_id"]: row["n"] for row in rows}


def handle_refusal(user, alert: Alert) -> str:
    """Why `user` may not acknowledge or take up this alert, and who can; "" when they may."""
    from yuqing.monitoring.handling import can_handle

    if can_handle(user, alert):
        return ""
    holder = alert.assignee
    who = _("duty officers, analysts, leaders and administrators")
    if holder is not None:
        name = person_name(holder)
        return _("%(name)s holds this alert. It is acknowledged or taken up by the person holding it or by "
                 "%(who)s; you can read it and its posts.") % {"name": name, "who": who}
    return _("Alerts are acknowledged or taken up by %(who)s; you can read it and its posts.") % {"who": who}
