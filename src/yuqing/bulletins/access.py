"""Bulletins are for the office (editors, chief editors, leaders, administrators).

An issue carries items of many units, so officers and unit heads do not open issues here: they
see on their own items where these were printed, and receive the issue itself through its
distribution list (the exported Word or PDF file).
"""

from __future__ import annotations

from django.db.models import QuerySet

from yuqing.accounts.roles import has_role
from yuqing.bulletins.models import Issue
from yuqing.units.access import is_office_wide


def visible_issues(user) -> QuerySet[Issue]:
    return Issue.objects.all() if is_office_wide(user) else Issue.objects.none()


def can_compose(user) -> bool:
    return has_role(user, "editor", "chief_editor", "admin")


def can_sign_off(user) -> bool:
    return has_role(user, "chief_editor", "admin")
