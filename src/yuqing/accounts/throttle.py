"""Throttling of logins and API tokens, per account and per address (django-axes), and lockouts.

Why django-axes: the maintained, widely used Django library for this. It hooks into Django's own
authentication (so the login page and the admin site share one count), keeps every attempt in the
database (where an administrator reviews and lifts lockouts) and signals each lockout, which we
log and write to the audit trail. API tokens are not a Django login, so `TokenAuth` asks the same
handler before it checks a token and reports each bad token to it: the same count, the same lockout.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

log = logging.getLogger("yuqing.accounts")
TOKEN_PREFIX_LENGTH = 8  # what `ApiToken.prefix` keeps; a bad token is counted under the prefix it shows


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or with YUQING_PROXY_COUNT proxies in front, the address
    the outermost of ours saw (X-Forwarded-For entries before it are the client's own claims)."""
    count = settings.YUQING.proxy_count
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def _token_credentials(token: str) -> dict:
    return {settings.AXES_USERNAME_FORM_FIELD: f"api-token:{token[:TOKEN_PREFIX_LENGTH]}"}


def token_allowed(request: HttpRequest, token: str) -> bool:
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_allowed(request, _token_credentials(token))


def token_failed(request: HttpRequest, token: str) -> None:
    """Count a bad token like a failed login (the address and the prefix it showed)."""
    user_login_failed.send(sender=__name__, credentials=_token_credentials(token), request=request)


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What a locked-out account or address gets: 429, a page saying for how long, or JSON for the API."""
    minutes = settings.YUQING.login_cooloff_minutes
    message = _("Too many failed attempts: logging in from here or to this account is locked for %(minutes)d "
                "minutes. An administrator can lift the lock sooner.") % {"minutes": minutes}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429)
    return render(request, "registration/locked_out.html", {"message": message}, status=429)


def on_locked_out(sender, request=None, username: str = "", ip_address: str = "", **_: object) -> None:
    """Every lockout is logged and in the audit trail, once: later attempts while locked are only logged."""
    from yuqing.actions import audit

    if getattr(request, "axes_failures_since_start", None) != settings.AXES_FAILURE_LIMIT:
        log.info("refused while locked out: account %r, address %s", username, ip_address)
        return
    log.warning("locked out after repeated failed logins (the last one: account %r from %s)", username, ip_address)
    audit(None, "account.locked_out", None, username=username, address=ip_address)


def on_logged_in(sender, user=None, **_: object) -> None:
    """A successful login forgives that account's failed attempts, and only those: rows that count
    guesses at other accounts from the same address stay, so logging in to one's own account between
    guesses does not reset the address's count (django-axes' AXES_RESET_ON_SUCCESS would)."""
    from axes.models import AccessAttempt

    if user is not None:
        AccessAttempt.objects.filter(username=user.get_username()).delete()
