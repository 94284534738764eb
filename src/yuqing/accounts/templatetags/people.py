"""`{{ user|person }}` and `{{ user|person_unit }}`: a person by display name (yuqing.accounts.people);
`{{ group.name|role_label }}`: a role in words.

Built in to every template (settings.TEMPLATES builtins), so no template needs `{% load %}`.
"""

from __future__ import annotations

from django import template

from yuqing.accounts import people
from yuqing.accounts.roles import ROLES

register = template.Library()


@register.filter
def person(user) -> str:
    return people.person_name(user)


@register.filter
def person_unit(user) -> str:
    return people.person_unit(user)


@register.filter
def role_label(name: str) -> str:
    return str(ROLES.get(name, name))
