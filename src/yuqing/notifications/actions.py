"""Writes to channels (audited actions) and inbox bookkeeping (not audited: reading is not workflow)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from django.core.validators import validate_email
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.accounts.roles import has_role
from yuqing.actions import action
from yuqing.errors import InputError, WorkflowError
from yuqing.notifications.models import Channel, Delivery, Notification, Severity

OFFICE_WIDE_KEEPERS = ("admin", "analyst")  # the roles that own monitoring


def can_manage(user, channel: Channel) -> bool:
    """Own channels; a unit's channels: its unit heads (units above included); office-wide channels,
    which every alert may reach: the roles that own monitoring; everything: administrators."""
    if has_role(user, "admin"):
        return True
    if channel.unit_id is not None:
        from yuqing.units.access import member_units

        return has_role(user, "unit_head") and member_units(user).filter(pk=channel.unit_id).exists()
    if channel.user_id is None:
        return has_role(user, *OFFICE_WIDE_KEEPERS)
    return channel.user_id == user.pk


def validate_channel(kind: str, target: str, min_severity: str) -> str:
    """The target as it will be used (a URL in httpx's normal form); InputError when it cannot be."""
    if kind not in Channel.Kind.values:
        raise InputError(_("Unknown channel kind %(kind)s") % {"kind": kind})
    if min_severity not in Severity.values:
        raise InputError(_("Unknown severity %(severity)s") % {"severity": min_severity})
    if kind == Channel.Kind.EMAIL:
        if target:
            try:
                validate_email(target)
            except ValidationError:
                raise InputError(_("%(address)s is not an e-mail address") % {"address": target}) from None
        return target
    try:  # the sender's own parser: what it cannot send (http://0177.0.0.1/, http://ⅰ27.0.0.1/) is refused now
        parts = urlsplit(target)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise InputError(_("%(url)s is not an http(s) address") % {"url": target})
        return str(httpx.URL(target))
    except (httpx.InvalidURL, ValueError) as error:  # ValueError: urlsplit("http://[::1/")
        raise InputError(_("%(url)s is not a valid address (%(reason)s)") % {"url": target, "reason": error}) from None


@dataclass
class ChannelSpec:
    """What a channel form or API call gives. Passed as one object so that the audit trail, which
    records plain keyword values, never stores a signing secret or a robot URL's key."""

    name: str = ""
    kind: str = Channel.Kind.EMAIL
    target: str = ""
    secret: str = ""
    min_severity: str = Severity.INFO
    kinds: str = ""
    enabled: bool = True

    def apply(self, channel: Channel, keep_secret_if_blank: bool = False) -> None:
        channel.name = self.name.strip() or self.kind
        channel.kind, channel.target = self.kind, self.target.strip()
        if self.secret.strip() or not keep_secret_if_blank:
            channel.secret = self.secret.strip()
        channel.min_severity, channel.kinds, channel.enabled = self.min_severity, self.kinds.strip(), self.enabled


@action("channel.create")
def create_channel(actor, spec: ChannelSpec, *, owner=None, office_wide: bool = False, unit=None) -> Channel:
    """A channel of `owner` (default: the actor), of `unit`, or office-wide."""
    channel = Channel(user=None if office_wide or unit else (owner or actor), unit=unit)
    spec.apply(channel)
    if not can_manage(actor, channel):
        raise WorkflowError(_("Only administrators and analysts may add office-wide channels, only administrators "
                              "channels of other users; a unit head may add channels of their units"))
    channel.target = validate_channel(channel.kind, channel.target, channel.min_severity)
    channel.save()
    return channel


@action("channel.update")
def update_channel(actor, channel: Channel, spec: ChannelSpec) -> Channel:
    """Replace the channel's settings; a blank secret keeps the stored one (forms never show it)."""
    if not can_manage(actor, channel):
        raise WorkflowError(_("You may change only your own channels"))
    was_enabled = channel.enabled
    spec.apply(channel, keep_secret_if_blank=True)
    channel.target = validate_channel(channel.kind, channel.target, channel.min_severity)
    if channel.enabled and not was_enabled:
        channel.consecutive_failures = 0  # switched back on: judge it afresh
    channel.save()
    return channel


@action("channel.toggle")
def set_channel_enabled(actor, channel: Channel, *, enabled: bool) -> Channel:
    if not can_manage(actor, channel):
        raise WorkflowError(_("You may change only your own channels"))
    if enabled and not channel.enabled:
        channel.consecutive_failures = 0
    channel.enabled = enabled
    channel.save(update_fields=["enabled", "consecutive_failures"])
    return channel


@action("channel.delete")
def delete_channel(actor, channel: Channel) -> None:
    if not can_manage(actor, channel):
        raise WorkflowError(_("You may delete only your own channels"))
    channel.delete()


@action("channel.test")
def test_channel(actor, channel: Channel) -> Delivery:
    """Queue a test message to this channel; the deliveries page shows whether it arrived."""
    if not can_manage(actor, channel):
        raise WorkflowError(_("You may test only your own channels"))
    delivery = Delivery.objects.create(
        channel=channel, title=_("Test message from yuqing"), kind="test", severity=Severity.INFO,
        body=_("If you can read this, the channel %(name)s works.") % {"name": channel.name})
    from yuqing.notifications.delivery import kick

    transaction.on_commit(kick)
    return delivery


def mark_read(user, ids: list[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when `ids` is None); returns how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
