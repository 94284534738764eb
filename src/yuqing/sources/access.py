"""Who may manage sources and read what they refused.

Sources are part of monitoring: administrators and analysts (the roles that own monitoring) add,
change, collect and remove web sources. A file source reads files on the server, so only an
administrator manages it. The raw input of a quarantined record is shown only to those who may
manage its source: a file's lines are the file's contents.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from yuqing.accounts.roles import has_role
from yuqing.sources.models import QuarantinedRecord, Source

MONITORING_OWNERS = ("admin", "analyst")


def can_manage_sources(user) -> bool:
    return has_role(user, *MONITORING_OWNERS)


def can_manage_kind(user, kind: str) -> bool:
    if kind == Source.Kind.FILE:
        return has_role(user, "admin")
    return can_manage_sources(user)


def require_manage(user, kind: str) -> None:
    """Raise PermissionDenied, saying who may, unless `user` may manage sources of this kind."""
    if user is None:  # the shell and the scheduler act as the operator
        return
    if not can_manage_kind(user, kind):
        if kind == Source.Kind.FILE:
            raise PermissionDenied(_("Only an administrator manages file sources."))
        raise PermissionDenied(_("Sources are managed by administrators and analysts."))


def can_see_raw(user, record: QuarantinedRecord) -> bool:
    source = record.source
    return can_manage_kind(user, source.kind) if source is not None else has_role(user, "admin")
