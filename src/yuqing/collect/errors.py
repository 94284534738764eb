"""Why a fetch failed, one class per cause. Messages appear on the source's health page.

Every class derives from `yuqing.errors.FetchError`; callers that only want "did it work"
catch that one. The class is what is stored with the message (yuqing.failures), and what the
pages explain to the reader in their language; the message is the technical detail.
"""

from __future__ import annotations

from yuqing.errors import FetchError


class UnsupportedUrlError(FetchError):
    """The address is not an http(s) URL with a host."""


class AddressNotAllowedError(FetchError):
    """The host resolves to a private, loopback, link-local or otherwise internal address."""


class RobotsDisallowedError(FetchError):
    """robots.txt of the site forbids the path for our user agent (or could not be read).

    `unreadable`: robots.txt could not be read, so nothing is fetched there for now; `cause`: the
    fetch error that kept it from being read, when there was one (the site's name does not resolve)."""

    def __init__(self, message: str, *, unreadable: bool = False, cause: FetchError | None = None) -> None:
        super().__init__(message)
        self.unreadable, self.cause = unreadable, cause


class ResponseTooLargeError(FetchError):
    """The body went past the configured size limit; the download was stopped."""


class RedirectError(FetchError):
    """Too many redirects, a redirect loop, or a redirect without a usable Location."""


class FetchTimeoutError(FetchError):
    """The server did not answer (or finish answering) in time."""


class ConnectionFailedError(FetchError):
    """No connection could be made: DNS failure, refused, reset."""


class HostNotFoundError(ConnectionFailedError):
    """The host name does not resolve (a typing mistake, a site gone, or no DNS from the server)."""


class HttpStatusError(FetchError):
    """The server answered with an error status (after retries where retrying makes sense)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class RateLimitedError(HttpStatusError):
    """The server kept answering 429, or asked us to wait longer than we are willing to."""


class ContentError(FetchError):
    """The response arrived but is not what the source should deliver (not a feed, not HTML)."""
