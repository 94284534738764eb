"""robots.txt per site, fetched once and kept, with RFC 9309's rules for when it cannot be read.

- 2xx: parse it.
- 4xx (not 429): there is no robots.txt; everything is allowed.
- 429, 5xx, network failure, timeout: "unreachable"; everything is disallowed for a while
  (robots_error_ttl_s), then it is tried again.
- too many redirects: treated as unavailable (RFC 9309 2.3.1.2), i.e. allowed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from yuqing.collect.config import ClientConfig
from yuqing.collect.errors import AddressNotAllowedError, RedirectError, RobotsDisallowedError, UnsupportedUrlError
from yuqing.errors import FetchError
from yuqing.collect.robots import ALLOW_ALL, DISALLOW_ALL, RobotsRules, parse_robots
from yuqing.collect.transfer import FetchedResponse

Fetch = Callable[[str], FetchedResponse]


@dataclass(frozen=True)
class _Entry:
    rules: RobotsRules
    expires_at: float
    unreachable: str = ""  # why robots.txt could not be read, when that is why all is disallowed
    cause: FetchError | None = None  # the error that kept it from being read, if it was one


class RobotsCache:
    def __init__(self, config: ClientConfig, fetch: Fetch, entries: dict | None = None,
                 lock: threading.Lock | None = None) -> None:
        """`entries` and `lock` may be shared by several clients (one robots.txt per host)."""
        self.config, self._fetch = config, fetch
        self._entries: dict[str, _Entry] = {} if entries is None else entries
        self._lock = lock or threading.Lock()

    def check(self, url: str) -> None:
        """Raise RobotsDisallowedError when robots.txt forbids `url` for our user agent."""
        entry = self._entry(url)
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if entry.rules.allows(path):
            return
        site = parts.hostname
        if entry.unreachable:
            raise RobotsDisallowedError(
                f"robots.txt of {site} could not be read ({entry.unreachable}); until it can, "
                f"RFC 9309 asks crawlers to fetch nothing there. Retried after {self.config.robots_error_ttl_s:.0f} s",
                unreadable=True, cause=entry.cause,
            )
        raise RobotsDisallowedError(
            f"robots.txt of {site} disallows {path} for {self.config.product_token}; "
            "the site asks not to be collected there"
        )

    def crawl_delay(self, url: str) -> float | None:
        return self._entry(url).rules.crawl_delay

    def _entry(self, url: str) -> _Entry:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._lock:
            entry = self._entries.get(origin)
        if entry is None or entry.expires_at < time.monotonic():
            entry = self._load(origin)
            with self._lock:
                self._entries[origin] = entry
        return entry

    def _load(self, origin: str) -> _Entry:
        try:
            response = self._fetch(f"{origin}/robots.txt")
        except AddressNotAllowedError:
            raise
        except (RedirectError, UnsupportedUrlError):
            return self._fresh(ALLOW_ALL)
        except FetchError as exc:
            return _Entry(DISALLOW_ALL, time.monotonic() + self.config.robots_error_ttl_s, str(exc), exc.with_traceback(None))
        if 200 <= response.status < 300:
            text = response.content.decode("utf-8", errors="replace")
            return self._fresh(parse_robots(text, self.config.product_token))
        if 400 <= response.status < 500 and response.status != 429:
            return self._fresh(ALLOW_ALL)
        reason = f"it answered {response.status}"
        return _Entry(DISALLOW_ALL, time.monotonic() + self.config.robots_error_ttl_s, reason)

    def _fresh(self, rules: RobotsRules) -> _Entry:
        return _Entry(rules, time.monotonic() + self.config.robots_ttl_s)
