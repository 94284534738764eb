"""Per-host pacing and retry waits: how long to wait before the next request."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime


class HostRateLimiter:
    """At most one request per `interval` seconds to each host, safe across threads.

    Each caller reserves the next free slot under the lock and sleeps outside it, so one slow
    host never blocks requests to other hosts.
    """

    def __init__(self, interval_s: float) -> None:
        self.interval_s = interval_s
        self._next_free: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str, interval_s: float | None = None) -> None:
        gap = self.interval_s if interval_s is None else interval_s
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_free.get(host, now))
            self._next_free[host] = slot + gap
        if slot > now:
            time.sleep(slot - now)

    def push_back(self, host: str, seconds: float) -> None:
        """No request to `host` for `seconds` (the server asked us to back off)."""
        with self._lock:
            until = time.monotonic() + seconds
            self._next_free[host] = max(self._next_free.get(host, until), until)


def backoff_delay(attempt: int, base_s: float, max_s: float) -> float:
    """Exponential: base, 2*base, 4*base ... capped at max_s. `attempt` counts from 0."""
    return min(max_s, base_s * (2**attempt))


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None if absent/bad."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())
