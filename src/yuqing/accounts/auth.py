"""API authentication (`Authorization: Bearer yq_...` or the browser's session), then the role
matrix: an endpoint answers 401 without a login, 403 to a role its rule does not name.

`TokenAuth` accepts full tokens only; `IngestTokenAuth` (the push endpoint) accepts ingest tokens
only and answers 403 to a valid token without that scope, so neither kind reaches the other's door.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import Throttled
from ninja.security import HttpBearer, SessionAuth

from yuqing.accounts import matrix, throttle
from yuqing.accounts.models import ApiToken, hash_token

_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


def endpoint_path(request: HttpRequest) -> str:
    """The endpoint's path as /api/openapi.json spells it: api/sources/<source_id> → /api/sources/{source_id}."""
    return "/" + _PARAM.sub(r"{\1}", request.resolver_match.route)


def check_matrix(request: HttpRequest, user) -> None:
    path = endpoint_path(request)
    chosen = [r for r in matrix.api_rules(path, request.method) if r.selects(request.resolver_match.kwargs)]
    if not chosen:
        raise PermissionDenied(f"no rule for {request.method} {path} in the role matrix (yuqing/<app>/matrix.py)")
    if not matrix.allows(user, chosen[0].who):
        raise PermissionDenied("your role may not use this endpoint")


def _token(request: HttpRequest, token: str) -> ApiToken | None:
    """The active token, or None; a locked-out address or token prefix is refused (429) before the
    token is looked at, and a bad token counts as a failed login (yuqing.accounts.throttle)."""
    if not throttle.token_allowed(request, token):
        raise Throttled(wait=settings.YUQING.login_cooloff_minutes * 60)
    found = ApiToken.objects.select_related("user").filter(key_hash=hash_token(token)).first()
    if found is None or not found.user.is_active:
        throttle.token_failed(request, token)
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = _token(request, token)
        if found is None or found.scope:  # a scoped token opens only its own endpoint
            return None
        request.user = found.user
        check_matrix(request, found.user)
        return found.user


class IngestTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = _token(request, token)
        if found is None:
            return None
        if found.scope != ApiToken.Scope.INGEST:
            raise PermissionDenied(_("This token has no ingest permission; create one with: yuqing createtoken USER --scope ingest"))
        request.user = found.user
        check_matrix(request, found.user)
        return found.user


class MatrixSessionAuth(SessionAuth):
    """The browser's session (the pages' own scripts), CSRF-checked by ninja, then the matrix."""

    def authenticate(self, request: HttpRequest, key: str | None):
        user = super().authenticate(request, key)
        if user is not None:
            check_matrix(request, user)
        return user
