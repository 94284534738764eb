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


ROLE_ORDER = tuple(ROLES)


def user_roles(user) -> frozenset[str]:
    """The user's role names (a superuser has them all), read once per user object: a page asks
    many times (navigation, buttons, the role matrix) and roles do not change within a request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_yuqing_roles", None)
    if cached is None:
        cached = frozenset(ROLES) if user.is_superuser else frozenset(user.groups.values_list("name", flat=True))
        user._yuqing_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return not user_roles(user).isdisjoint(roles)


def holds(user, *roles: str) -> bool:
    """Whether the user was given one of these roles (is in its group). Unlike `has_role`, a superuser
    holds only the roles given to them: a dashboard shows the work of a person's own roles."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_yuqing_held", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._yuqing_held = cached
    return not cached.isdisjoint(roles)
