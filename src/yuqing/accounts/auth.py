"""Token authentication for the API: `Authorization: Bearer yq_...`.

`TokenAuth` accepts full tokens only; `IngestTokenAuth` (the push endpoint) accepts ingest tokens
only and answers 403 to a valid token without that scope, so neither kind reaches the other's door.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from yuqing.accounts.models import ApiToken, hash_token


def _token(token: str) -> ApiToken | None:
    found = ApiToken.objects.select_related("user").filter(key_hash=hash_token(token)).first()
    if found is None or not found.user.is_active:
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = _token(token)
        if found is None or found.scope:  # a scoped token opens only its own endpoint
            return None
        request.user = found.user
        return found.user


class IngestTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = _token(token)
        if found is None:
            return None
        if found.scope != ApiToken.Scope.INGEST:
            raise PermissionDenied(_("This token has no ingest permission; create one with: yuqing createtoken USER --scope ingest"))
        request.user = found.user
        return found.user
