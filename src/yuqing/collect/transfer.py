"""One request with retries and a size limit: the part of the client that talks to httpx."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from yuqing.collect.config import MB, ClientConfig
from yuqing.collect.encoding import decode_html
from yuqing.collect.errors import (
    ConnectionFailedError,
    ContentError,
    FetchTimeoutError,
    HttpStatusError,
    RateLimitedError,
    ResponseTooLargeError,
    UnsupportedUrlError,
)
from yuqing.collect.throttle import HostRateLimiter, backoff_delay, parse_retry_after
from yuqing.text.urls import host_of

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
NOT_RETRIED_5XX = frozenset({501, 505})  # "not implemented" and "version not supported" will not change


def is_retryable(status: int) -> bool:
    return status == 429 or (500 <= status <= 599 and status not in NOT_RETRIED_5XX)


@dataclass
class FetchedResponse:
    """A complete response: final URL after redirects, status, headers and the whole body."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes = b""
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @cached_property
    def text(self) -> str:
        """The body decoded as a web page (HTTP charset, then <meta>, then detection)."""
        return decode_html(self.content, self.content_type)[0]


class _Retry(Exception):
    """Internal: this attempt failed in a way worth retrying after `delay` seconds."""

    def __init__(self, error: Exception, delay: float | None = None) -> None:
        self.error, self.delay = error, delay


class Transfer:
    def __init__(self, http: httpx.Client, config: ClientConfig, limiter: HostRateLimiter) -> None:
        self.http, self.config, self.limiter = http, config, limiter

    def fetch(self, url: str, headers: dict[str, str] | None, interval_s: float) -> FetchedResponse:
        """GET once, retrying connect errors, 429 and 5xx (tenacity) with exponential backoff.

        The wait between attempts is not slept here: it pushes back the host's slot in the shared
        rate limiter, so every source on that host waits too (the server asked us to slow down)."""
        host = host_of(url)
        retrying = Retrying(
            stop=stop_after_attempt(self.config.max_retries + 1),
            retry=retry_if_exception_type(_Retry),
            wait=self._wait,
            sleep=lambda seconds: self.limiter.push_back(host, seconds),
            reraise=True,
        )
        try:
            return retrying(self._paced_attempt, url, headers, host, interval_s)
        except _Retry as retry:
            raise retry.error from None

    def _paced_attempt(self, url: str, headers: dict[str, str] | None, host: str, interval_s: float) -> FetchedResponse:
        self.limiter.wait(host, interval_s)
        try:
            return self._attempt(url, headers)
        except _Retry as retry:
            if retry.delay is not None and retry.delay > self.config.max_retry_after_s:
                raise RateLimitedError(
                    f"{host} asks to wait {retry.delay:.0f} s (Retry-After), longer than the "
                    f"{self.config.max_retry_after_s:.0f} s we wait; the next collection run will try again",
                    429,
                ) from None
            raise

    def _wait(self, state: RetryCallState) -> float:
        """Retry-After when the server sent one, else base, 2*base, 4*base … capped."""
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _Retry) and error.delay is not None:
            return error.delay
        return backoff_delay(state.attempt_number - 1, self.config.backoff_base_s, self.config.backoff_max_s)

    def _attempt(self, url: str, headers: dict[str, str] | None) -> FetchedResponse:
        try:
            with self.http.stream("GET", url, headers=headers) as response:
                _raise_for_retry(response, url, self.config.max_retries + 1)
                skip_body = response.status_code in REDIRECT_STATUSES or response.status_code == 304
                body = b"" if skip_body else self._read(response, url)
                return FetchedResponse(url, response.status_code, response.headers, body)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise _Retry(ConnectionFailedError(f"could not connect to {host_of(url)}: {exc or type(exc).__name__}")) from exc
        except httpx.TimeoutException as exc:
            raise FetchTimeoutError(f"{url} did not answer within {self.config.timeout_s:g} s; try later") from exc
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise UnsupportedUrlError(f"cannot fetch {url!r}: {exc}") from exc
        except httpx.DecodingError as exc:
            raise ContentError(f"{url} sent a body that cannot be decompressed: {exc}") from exc
        except httpx.TransportError as exc:
            raise ConnectionFailedError(f"connection to {host_of(url)} failed while fetching {url}: {exc}") from exc

    def _read(self, response: httpx.Response, url: str) -> bytes:
        """The body, stopping as soon as it passes the size limit or the total time limit."""
        limit = self.config.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise ResponseTooLargeError(_too_large(url, limit))
        deadline = time.monotonic() + self.config.total_timeout_s
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():  # decompressed bytes: a gzip bomb is cut off too
            size += len(chunk)
            if size > limit:
                raise ResponseTooLargeError(_too_large(url, limit))
            if time.monotonic() > deadline:
                raise FetchTimeoutError(f"{url} took longer than {self.config.total_timeout_s:g} s to send its body")
            chunks.append(chunk)
        return b"".join(chunks)


def _raise_for_retry(response: httpx.Response, url: str, attempts: int) -> None:
    status = response.status_code
    if not is_retryable(status):
        return
    reason = httpx.codes.get_reason_phrase(status)
    if status == 429:
        error: HttpStatusError = RateLimitedError(
            f"{host_of(url)} answered 429 Too Many Requests {attempts} times; collect this source less often", 429
        )
    else:
        error = HttpStatusError(f"{url} answered {status} {reason} {attempts} times; the site may be down, try later", status)
    raise _Retry(error, parse_retry_after(response.headers.get("retry-after")))


def _too_large(url: str, limit: int) -> str:
    size = f"{limit // MB} MB" if limit % MB == 0 else f"{limit // 1024} KB" if limit >= 1024 else f"{limit} bytes"
    return f"response larger than {size} limit from {url}; raise the limit if this source is legitimate"
