"""Why a fetch failed, one class per cause. Messages appear on the source's health page.

Every class derives from `yuqing.errors.FetchError`; callers that only want "did it work"
catch that one, the health page can group by class name.
"""

from __future__ import annotations

from yuqing.errors import FetchError


class UnsupportedUrlError(FetchError):
    """The address is not an http(s) URL with a host."""


class AddressNotAllowedError(FetchError):
    """The host resolves to a private, loopback, link-local or otherwise internal address."""


class RobotsDisallowedError(FetchError):
    """robots.txt of the site forbids the path for our user agent (or could not be read)."""


class ResponseTooLargeError(FetchError):
    """The body went past the configured size limit; the download was stopped."""


class RedirectError(FetchError):
    """Too many redirects, a redirect loop, or a redirect without a usable Location."""


class FetchTimeoutError(FetchError):
    """The server did not answer (or finish answering) in time."""


class ConnectionFailedError(FetchError):
    """No connection could be made: DNS failure, refused, reset."""


class HttpStatusError(FetchError):
    """The server answered with an error status (after retries where retrying makes sense)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class RateLimitedError(HttpStatusError):
    """The server kept answering 429, or asked us to wait longer than we are willing to."""


class ContentError(FetchError):
    """The response arrived but is not what the source should deliver (not a feed, not HTML)."""
