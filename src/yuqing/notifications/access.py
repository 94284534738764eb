"""Which channels a user sees, and for which units they may add channels."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from yuqing.accounts.roles import has_role
from yuqing.notifications.models import Channel


def visible_channels(user) -> QuerySet[Channel]:
    """Own channels, office-wide ones, and those of the units the user belongs to or heads."""
    from yuqing.units.access import member_units, membership_unit

    channels = Channel.objects.select_related("user", "unit")
    if has_role(user, "admin"):
        return channels
    unit = membership_unit(user)
    units = Q(unit__in=member_units(user)) | (Q(unit=unit) if unit else Q(pk__in=[]))
    return channels.filter(Q(user=user) | Q(user__isnull=True, unit__isnull=True) | units)


def manageable_units(user) -> QuerySet:
    from yuqing.units.access import member_units
    from yuqing.units.models import Unit

    if has_role(user, "admin"):
        return Unit.objects.filter(active=True)
    return member_units(user) if has_role(user, "unit_head") else Unit.objects.none()
