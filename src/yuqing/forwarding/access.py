"""Forwarding is the office's work: editors compose and send batches; office-wide roles read them.

A batch carries items of many units, so unit users do not open batches; they see on their own
items where these were forwarded and what the higher level did (the item's adoptions).
"""

from __future__ import annotations

from django.db.models import QuerySet

from yuqing.accounts.roles import has_role
from yuqing.forwarding.models import Batch
from yuqing.units.access import is_office_wide


def visible_batches(user) -> QuerySet[Batch]:
    return Batch.objects.all() if is_office_wide(user) else Batch.objects.none()


def can_forward(user) -> bool:
    return has_role(user, "editor", "chief_editor", "admin")
