"""`{% reporting_nav %}`: the section menu of the reporting pages, filtered by role."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from yuqing.accounts.roles import has_role

register = template.Library()

ALL = ("officer", "unit_head", "editor", "chief_editor", "leader", "admin")
UNIT = ("officer", "unit_head")
OFFICE = ("editor", "chief_editor", "leader", "admin")
EDITORS = ("editor", "chief_editor", "admin")

# (url name, label, roles that see it)
SECTION = [
    ("submissions:list", _("Submissions"), ALL),
    ("submissions:create", _("New submission"), UNIT),
    ("submissions:review", _("Review queue"), EDITORS),
    ("submissions:deadlines", _("Deadlines"), ALL),
    ("submissions:needs", _("Information needs"), ALL),
    ("submissions:tasks", _("Instructions"), ALL),
    ("bulletins:list", _("Bulletins"), OFFICE),
    ("forwarding:list", _("Forwarding upward"), OFFICE),
    ("submissions:ranking", _("Rankings"), ALL),
    ("submissions:assessment", _("Annual assessment"), ALL),
    ("submissions:quotas", _("Quotas"), ALL),
    ("units:list", _("Units"), ALL),
    ("units:officers", _("Officers"), ALL),
    ("units:trainings", _("Trainings"), ALL),
]


@register.inclusion_tag("reporting/_nav.html", takes_context=True)
def reporting_nav(context) -> dict:
    request = context["request"]
    links = []
    for name, label, roles in SECTION:
        if not has_role(request.user, *roles):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        links.append({"url": url, "label": label, "active": request.path == url})
    return {"links": links}
