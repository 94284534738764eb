"""Response headers that keep collected (untrusted) content inert in our pages."""

from __future__ import annotations

from typing import Callable

from django.http import HttpRequest, HttpResponse

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
