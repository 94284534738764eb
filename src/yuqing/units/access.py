"""Who may see which units. Unit-scoped visibility starts here; submissions build on it.

Office-wide roles (editors, chief editors, leaders, administrators) see every unit. An officer
sees the unit of their membership; a unit head sees that unit and every unit below it.
"""

from __future__ import annotations

from django.db.models import QuerySet

from yuqing.accounts.roles import has_role
from yuqing.units.models import Membership, Unit

OFFICE_WIDE = ("editor", "chief_editor", "leader", "admin")
REVIEWERS = ("editor", "chief_editor")
UNIT_ROLES = ("officer", "unit_head")


def is_office_wide(user) -> bool:
    return has_role(user, *OFFICE_WIDE)


def is_reviewer(user) -> bool:
    return has_role(user, *REVIEWERS)


def membership_unit(user) -> Unit | None:
    if not getattr(user, "is_authenticated", False):
        return None
    found = Membership.objects.select_related("unit").filter(user=user).first()
    return found.unit if found else None


def member_units(user) -> QuerySet[Unit]:
    """The units whose own work (drafts included) this user may see and do."""
    unit = membership_unit(user)
    if unit is None:
        return Unit.objects.none()
    if has_role(user, "unit_head"):
        return unit.subtree()
    if has_role(user, "officer"):
        return Unit.objects.filter(pk=unit.pk)
    return Unit.objects.none()


def member_unit_ids(user) -> list[int]:
    return list(member_units(user).values_list("pk", flat=True))


def visible_units(user) -> QuerySet[Unit]:
    if is_office_wide(user):
        return Unit.objects.all()
    return member_units(user)


def can_manage_units(user) -> bool:
    return has_role(user, "admin", "chief_editor", "editor")
