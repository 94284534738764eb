"""The administrator's card of people on the overview page (declared on UnitsConfig), shown while
something needs doing: accounts without a role or a name, locked logins."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from yuqing.accounts.lockouts import current


def people(request: HttpRequest) -> dict | None:
    active = get_user_model().objects.filter(is_active=True)
    found = {"without_role": active.filter(groups=None, is_superuser=False).count(),
             "without_name": active.filter(first_name="", last_name="").count(), "locked": len(current())}
    if not any(found.values()):
        return None
    return found | {"active": active.count(), "deactivated": get_user_model().objects.filter(is_active=False).count()}
