"""Who drafts and who signs releases.

Drafting: the people who handle incidents (duty officers, analysts, leaders, administrators) and
the editors. Signing — publishing in the office's name — only the roles that may speak for the
office: chief editors, leaders and administrators. Everyone, signed in or not, reads what is
published (the public pages show signed versions only).
"""

from __future__ import annotations

from django.db.models import QuerySet

from yuqing.accounts.roles import has_role
from yuqing.releases.models import Release

DRAFTERS = ("admin", "leader", "duty_officer", "analyst", "editor", "chief_editor")
SIGNERS = ("chief_editor", "leader", "admin")


def can_draft(user) -> bool:
    return has_role(user, *DRAFTERS)


def can_sign(user) -> bool:
    return has_role(user, *SIGNERS)


def can_manage(user) -> bool:
    return can_draft(user) or can_sign(user)


def managed_releases(user) -> QuerySet[Release]:
    """Drafts included: for the office's own pages."""
    return Release.objects.all() if can_manage(user) else Release.objects.none()


def public_releases() -> QuerySet[Release]:
    return Release.objects.exclude(state=Release.State.DRAFT)
