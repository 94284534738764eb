"""Fixtures: a real HTTP server on 127.0.0.1 and a client allowed to reach it (and only it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.collect.server import TestSite
from tests.shared_data import SHARED_DATA
from yuqing.collect.client import HttpClient
from yuqing.collect.config import MB, ClientConfig

LOOPBACK_ONLY = ("127.0.0.1/32",)


def fast_config(**overrides: object) -> ClientConfig:
    """Fast settings for tests: no pacing, short waits, 1 MB limit, 127.0.0.1 allowed."""
    settings: dict[str, object] = dict(
        allowed_networks=LOOPBACK_ONLY, min_host_interval_s=0.0, backoff_base_s=0.05, backoff_max_s=0.2,
        timeout_s=1.0, connect_timeout_s=1.0, total_timeout_s=5.0, max_retries=2, max_retry_after_s=5.0,
        max_bytes=1 * MB, robots_error_ttl_s=60.0,
    )
    settings.update(overrides)
    return ClientConfig(**settings)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def site() -> Iterator[TestSite]:
    server = TestSite("disallow", SHARED_DATA if SHARED_DATA.exists() else None).start()
    yield server
    server.stop()


@pytest.fixture
def make_site() -> Iterator[Callable[[str], TestSite]]:
    started: list[TestSite] = []

    def make(robots: str) -> TestSite:
        started.append(TestSite(robots).start())
        return started[-1]

    yield make
    for server in started:
        server.stop()


@pytest.fixture
def http() -> Iterator[HttpClient]:
    with HttpClient(fast_config()) as client:
        yield client
