"""Send through the notification channels (in-app inbox, e-mail, webhooks, robots) when they exist.

The notifications app is optional to this one: without it, reminders are still computed and
stamped (and logged), so deadlines work the same and the app can be tested on its own.
"""

from __future__ import annotations

import logging
from typing import Iterable

log = logging.getLogger("yuqing.submissions")


def send(recipients: Iterable, title: str, body: str = "", link: str = "", kind: str = "",
         severity: str = "info") -> bool:
    """severity: info, low, medium, high or critical (the notification app's scale)."""
    people = [user for user in recipients if user is not None]
    try:
        from yuqing.notifications.service import notify
    except ImportError:
        log.info("notification (no channels installed) to %s: %s", ", ".join(map(str, people)), title)
        return False
    notify(people, title, body=body, link=link, kind=kind, severity=severity)
    return True


def unit_people(unit_id: int) -> list:
    """The officers and unit heads who work for this unit."""
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(
        unit_membership__unit_id=unit_id, is_active=True, groups__name__in=["officer", "unit_head"]).distinct())


def reviewers() -> list:
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(
        is_active=True, groups__name__in=["editor", "chief_editor"]).distinct())
