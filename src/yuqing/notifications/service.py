"""The one entry point other apps call to tell people something.

    from yuqing.notifications.service import notify
    notify([user], "永城化工厂火情", body="…", link="/monitoring/alerts/5/", kind="alert", severity="high")

Inbox items and deliveries are written in the caller's transaction (a rolled-back alert tells
nobody); sending starts after commit. Each recipient's own channels get one delivery each; a
unit's channels get one delivery per call when any recipient belongs to the unit; office-wide
channels get one delivery per call, however many recipients there are.
"""

from __future__ import annotations

from typing import Iterable

from django.db import transaction
from django.utils import timezone

from yuqing.errors import InputError
from yuqing.notifications.models import Channel, Delivery, Notification, Severity


def notify(recipients: Iterable, title: str, body: str = "", link: str = "", kind: str = "",
           severity: str = "info", subject: str = "") -> None:
    """Put a notification in each recipient's inbox and queue it on their channels.

    With a `subject`, a recipient's unread message about the same subject is replaced (moved to
    the top with the new text) instead of adding another: the inbox counts stories, not messages.
    """
    if severity not in Severity.values:
        raise InputError(f"unknown severity {severity!r}; use one of {', '.join(Severity.values)}")
    users = _active_unique(recipients)
    title = " ".join(title.split())[:300] or "—"
    fields = {"title": title, "body": body, "link": link[:1000], "kind": kind[:50], "severity": severity}
    with transaction.atomic():
        by_user = _replace_unread(users, subject[:120], fields) if subject else {}
        inbox = Notification.objects.bulk_create([Notification(user=user, subject=subject[:120], **fields)
                                                  for user in users if user.pk not in by_user])
        by_user.update({note.user_id: note for note in inbox})
        deliveries = [Delivery(channel=channel, notification=by_user.get(channel.user_id), **fields)
                      for channel in _channels(list(by_user)) if channel.accepts(severity, kind)]
        Delivery.objects.bulk_create(deliveries)
        if deliveries:
            from yuqing.notifications.delivery import kick

            transaction.on_commit(kick)


def _replace_unread(users: list, subject: str, fields: dict) -> dict[int, Notification]:
    """Update each user's unread message about `subject` in place; returns them by user id."""
    found = {note.user_id: note for note in Notification.objects.filter(
        user__in=users, subject=subject, read_at__isnull=True).order_by("user_id", "-id")}
    now = timezone.now()
    Notification.objects.filter(pk__in=[note.pk for note in found.values()]).update(created_at=now, **fields)
    return found


def settle(subject: str) -> int:
    """Everyone's unread messages about `subject` count as read: someone has dealt with it."""
    return Notification.objects.filter(subject=subject, read_at__isnull=True).update(read_at=timezone.now())


def _active_unique(recipients: Iterable) -> list:
    seen: dict[int, object] = {}
    for user in recipients:
        if user is not None and getattr(user, "is_active", False) and user.pk not in seen:
            seen[user.pk] = user
    return list(seen.values())


def _channels(user_ids: list[int]) -> list[Channel]:
    from yuqing.units.models import Membership

    units = Membership.objects.filter(user_id__in=user_ids).values("unit_id")
    mine = Channel.objects.filter(enabled=True, user_id__in=user_ids)
    of_units = Channel.objects.filter(enabled=True, user__isnull=True, unit_id__in=units)
    office = Channel.objects.filter(enabled=True, user__isnull=True, unit__isnull=True)
    return list(mine) + list(of_units) + list(office)


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
