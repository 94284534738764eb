"""The roles of an office, as Django groups. Later apps attach permissions to them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ROLES: dict[str, object] = {
    "admin": _("Administrator"),
    "analyst": _("Analyst"),
    "duty_officer": _("Duty officer"),
    "officer": _("Information officer"),
    "unit_head": _("Unit head"),
    "editor": _("Editor"),
    "chief_editor": _("Chief editor"),
    "leader": _("Leader"),
}


def ensure_roles(**_: object) -> None:
    """Create the role groups if absent (runs after every migrate; idempotent)."""
    from django.contrib.auth.models import Group

    for name in ROLES:
        Group.objects.get_or_create(name=name)


def has_role(user, *roles: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=roles).exists()
