"""The one HTTP client every collector uses: guard, robots.txt, pacing, retries, size limit.

Redirects are followed here rather than by httpx, so every hop gets the same treatment as the
first request: robots.txt of the new host, its rate limit, and (in the connection layer) the
address guard.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from yuqing.collect.addresses import AddressGuard, GuardedBackend, Resolver
from yuqing.collect.config import ClientConfig
from yuqing.collect.errors import HttpStatusError, RedirectError, UnsupportedUrlError
from yuqing.collect.robots_cache import RobotsCache
from yuqing.collect.politeness import Politeness, own
from yuqing.collect.transfer import REDIRECT_STATUSES, FetchedResponse, Transfer


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport with its connection pool swapped for one using the address guard.

    httpx has no public hook for the network backend; its transport keeps the httpcore pool in
    `_pool`. tests/collect/test_guard.py fails loudly if that ever stops working.
    """

    def __init__(self, guard: AddressGuard, verify: bool) -> None:
        super().__init__(verify=verify, trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify, trust_env=False),
            network_backend=GuardedBackend(guard),
        )


class HttpClient:
    """Fetch public pages politely and safely. Thread-safe; share one per process.

    `resolver` replaces DNS resolution (tests use it to prove the checked address is the one
    connected to); leave it None in production. `politeness` (per-host pacing and robots.txt) is
    the client's own unless one is shared (yuqing.collect.politeness.shared: the collector's).
    """

    def __init__(self, config: ClientConfig | None = None, resolver: Resolver | None = None,
                 politeness: Politeness | None = None) -> None:
        self.config = config or ClientConfig()
        politeness = politeness or own(self.config)
        guard = AddressGuard(self.config.allowed_networks, resolver)
        self._http = httpx.Client(
            transport=GuardedTransport(guard, self.config.verify_tls),
            timeout=httpx.Timeout(self.config.timeout_s, connect=self.config.connect_timeout_s),
            headers={"User-Agent": self.config.user_agent, "Accept-Language": self.config.accept_language},
            follow_redirects=False,
            trust_env=False,  # an HTTP_PROXY from the environment would bypass the address guard
        )
        self.limiter = politeness.limiter
        self.transfer = Transfer(self._http, self.config, self.limiter)
        self.robots = RobotsCache(self.config, lambda url: self.follow(url, check_robots=False),
                                  politeness.robots, politeness.robots_lock)

    def get(self, url: str, headers: dict[str, str] | None = None) -> FetchedResponse:
        """GET `url` following redirects; raise a FetchError subclass for anything but 2xx/304."""
        response = self.follow(url, headers)
        if response.status >= 400:
            raise HttpStatusError(_status_message(response), response.status)
        return response

    def follow(self, url: str, headers: dict[str, str] | None = None, check_robots: bool = True) -> FetchedResponse:
        """GET with redirects, robots.txt and retries; returns the final response whatever its status."""
        current, visited = check_url(url), [check_url(url)]
        obey_robots = check_robots and self.config.respect_robots
        for _ in range(self.config.max_redirects + 1):
            if obey_robots:
                self.robots.check(current)
            response = self.transfer.fetch(current, headers, self._pace(current, obey_robots))
            if response.status not in REDIRECT_STATUSES:
                response.redirects = visited[:-1]
                return response
            current = _next_hop(response, current, visited)
            visited.append(current)
        raise RedirectError(
            f"more than {self.config.max_redirects} redirects from {url} (last: {current}); "
            "check the address or use the final one"
        )

    def _pace(self, url: str, obey_robots: bool) -> float:
        """Seconds between requests to this host: the setting, or a longer robots Crawl-delay."""
        delay = self.robots.crawl_delay(url) if obey_robots else None
        return max(self.config.min_host_interval_s, min(delay or 0.0, self.config.max_crawl_delay_s))

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def check_url(url: str) -> str:
    """The URL if it is http(s) with a host; UnsupportedUrlError otherwise."""
    try:
        parts = urlsplit(url.strip())
        has_host = bool(parts.hostname)
    except ValueError as exc:
        raise UnsupportedUrlError(f"not a valid address: {url!r} ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https") or not has_host:
        raise UnsupportedUrlError(f"only http:// and https:// addresses can be fetched, not {url!r}")
    return url.strip()


def _next_hop(response: FetchedResponse, current: str, visited: list[str]) -> str:
    location = response.headers.get("location", "").strip()
    if not location:
        raise RedirectError(f"{current} answered {response.status} (redirect) without a Location header")
    target = check_url(urljoin(current, location))
    if target in visited:
        chain = " -> ".join([*visited[visited.index(target) :], target])
        raise RedirectError(f"redirect loop: {chain}; the site is misconfigured, try again later")
    return target


def _status_message(response: FetchedResponse) -> str:
    reason = httpx.codes.get_reason_phrase(response.status)
    advice = "the site may be down, try later" if response.status >= 500 else "check the address"
    return f"{response.url} answered {response.status} {reason}; {advice}"
