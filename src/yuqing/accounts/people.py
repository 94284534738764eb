"""How a person is shown: the display name (姓名), with the unit where it helps; never the login.

Every page, file and message that names a user goes through `person_name` (templates: the `person`
and `person_unit` filters, built in to every template). The login appears only where it is the thing
being managed: the user pages and Django's admin.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet


def person_name(user) -> str:
    """The user's display name (the roster's name for an officer), or the login when none is set; "" for nobody."""
    if user is None or not getattr(user, "pk", None):
        return ""
    return user.get_full_name().strip() or user.get_username()


def person_unit(user) -> str:
    """`person_name` followed by the user's unit (张伟 · 东城区委宣传部), when they belong to one."""
    name = person_name(user)
    unit = user_unit(user) if name else None
    return f"{name} · {unit.name}" if unit is not None else name


def user_unit(user):
    """The unit the user works for (units.Membership), or None. Reads `unit_membership` as loaded:
    select_related("unit_membership__unit") makes a list of people one query."""
    membership = getattr(user, "unit_membership", None)  # absent: RelatedObjectDoesNotExist is an AttributeError
    return membership.unit if membership is not None else None


def active_people() -> QuerySet:
    """Everyone who can be given work, with their units, in the order people look for them."""
    return (get_user_model().objects.filter(is_active=True).select_related("unit_membership__unit")
            .order_by("first_name", "last_name", "username"))


class _ByName:
    """Choices of people among the active ones, each shown by name and unit (two 张伟 in two units stay two)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("queryset", active_people())
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return person_unit(obj)


class PersonChoiceField(_ByName, forms.ModelChoiceField):
    """A choice of one person."""


class PeopleChoiceField(_ByName, forms.ModelMultipleChoiceField):
    """A choice of several people."""
