"""Politeness shared by every client of a process: one rate limit and one robots.txt per host.

The collector makes a client per source run; if each had its own limiter and robots cache, ten
sources on one site would hit it ten times as often and fetch its robots.txt ten times. Clients
made with `shared(config)` pace and check each host together. (Across machines, issue 10's
per-host claiming of sources keeps the same promise.)
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from yuqing.collect.config import ClientConfig
from yuqing.collect.throttle import HostRateLimiter


@dataclass
class Politeness:
    limiter: HostRateLimiter
    robots: dict = field(default_factory=dict)  # origin -> robots_cache entry
    robots_lock: threading.Lock = field(default_factory=threading.Lock)


_shared: dict[tuple, Politeness] = {}
_lock = threading.Lock()


def own(config: ClientConfig) -> Politeness:
    """Politeness for one client alone (tests, one-off fetches)."""
    return Politeness(HostRateLimiter(config.min_host_interval_s))


def shared(config: ClientConfig) -> Politeness:
    """The process's politeness for clients of this user agent and pacing (made on first use)."""
    key = (config.product_token, config.min_host_interval_s, config.respect_robots)
    with _lock:
        if key not in _shared:
            _shared[key] = own(config)
        return _shared[key]
