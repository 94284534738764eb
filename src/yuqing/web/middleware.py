"""Response headers that keep collected (untrusted) content inert in our pages."""

from __future__ import annotations

from typing import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed

# Scripts only from our own origin: an injected <script> or on* handler in collected text cannot
# run even if escaping ever failed. Inline styles are allowed for ECharts' generated markup.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "frame-ancestors 'none'; form-action 'self'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


class FriendlyErrorMiddleware:
    """A YuqingError that escapes a view (a refused action, a missing font) becomes a page with its
    message, which says what to do, instead of a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.shortcuts import render

        from yuqing.errors import ConfigError, WorkflowError, YuqingError

        if not isinstance(exception, YuqingError):
            return None
        status = 503 if isinstance(exception, ConfigError) else 409 if isinstance(exception, WorkflowError) else 400
        return render(request, "web/error.html", {"message": str(exception)}, status=status)


# The API's own pages (its documentation), which are pages rather than operations.
API_PAGES = ("openapi-json", "openapi-view", "api-root")


class RoleMatrixMiddleware:
    """Every page passes its rule in the role × action matrix (yuqing.accounts.matrix) before its
    view runs: anonymous users go to the login page, other roles get 403, a page without a rule
    is refused. The API checks the same matrix after authenticating (yuqing.accounts.auth)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, args, kwargs) -> HttpResponse | None:
        from yuqing.accounts import matrix

        match = request.resolver_match
        if match is None or (match.namespace.startswith("api-") and match.url_name not in API_PAGES):
            return None  # an API operation: yuqing.accounts.auth checks it after authenticating
        method = "GET" if request.method == "HEAD" else request.method
        chosen = [rule for rule in matrix.page_rules(match.view_name, method) if rule.selects(kwargs)]
        if not chosen:
            return _without_rule(match.view_name, method, kwargs)
        rule = chosen[0]
        if rule.who in (matrix.PUBLIC, matrix.STAFF) or matrix.allows(request.user, rule.who):
            return None
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(refusal(rule.who))


def refusal(who: str) -> str:
    """Why a page is refused, in the reader's language: which roles may open it."""
    from django.utils.translation import gettext as _
    from django.utils.translation import pgettext

    from yuqing.accounts import matrix
    from yuqing.accounts.roles import ROLES

    names = pgettext("list separator", ", ").join(str(ROLES[role]) for role in matrix.roles_of(who) if role in ROLES)
    if not names:
        return _("Your role may not open this page or do this.")
    return _("This is for: %(roles)s. If your work needs it, ask an administrator for the role.") % {"roles": names}


def _without_rule(view_name: str, method: str, kwargs: dict) -> HttpResponse:
    from yuqing.accounts import matrix

    others = matrix.methods_of("PageRule", view_name)
    if others and method not in others:
        return HttpResponseNotAllowed(others)
    if others:  # the page has rules, but none for these arguments (an unknown verb)
        raise Http404
    import logging

    from django.utils.translation import gettext as _

    logging.getLogger("yuqing.web").warning("no rule for %s %s in the role matrix (yuqing/<app>/matrix.py): refused", view_name, method)
    raise PermissionDenied(_("This page is not open to anyone yet. Tell an administrator which page it was."))
