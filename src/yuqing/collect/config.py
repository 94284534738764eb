"""Settings of the one HTTP client. Django settings build this; nothing here reads the environment."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class ClientConfig:
    """How politely and how defensively yuqing fetches.

    `allowed_networks` lists CIDR ranges the address guard lets through although they are
    internal (e.g. ("127.0.0.1/32",) in tests, or an intranet news site's range).
    """

    user_agent: str = "yuqing/0.1 (+https://github.com/yuqing-project/yuqing)"
    timeout_s: float = 20.0  # per read/write; the whole body must also arrive within total_timeout_s
    connect_timeout_s: float = 10.0
    total_timeout_s: float = 120.0
    max_retries: int = 3  # extra attempts after the first, on connect errors, 429 and 5xx
    backoff_base_s: float = 1.0  # waits base, 2*base, 4*base ... between attempts
    backoff_max_s: float = 30.0
    max_retry_after_s: float = 120.0  # a Retry-After longer than this gives up instead of waiting
    min_host_interval_s: float = 1.0  # between two requests to the same host
    max_crawl_delay_s: float = 30.0  # a robots.txt Crawl-delay is honoured up to this
    max_bytes: int = 5 * MB
    max_redirects: int = 5
    respect_robots: bool = True
    robots_ttl_s: float = 24 * 3600.0
    robots_error_ttl_s: float = 600.0  # robots.txt unreachable (5xx, network): all disallowed this long
    allowed_networks: tuple[str, ...] = ()
    verify_tls: bool = True
    accept_language: str = "zh-CN,zh;q=0.9,en;q=0.6"

    @property
    def product_token(self) -> str:
        """The name robots.txt groups are matched against: "yuqing" from "yuqing/0.1 (...)"."""
        return self.user_agent.split("/", 1)[0].split()[0].strip() or "yuqing"
