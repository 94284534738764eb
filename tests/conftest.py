"""Fixtures shared by the whole suite, and the suite's clock.

Tests never depend on today's date. A test that needs a particular moment moves the clock with
the `clock` fixture (time-machine: `timezone.now()`, `datetime.now()` and `time.time()` all follow
it). To check that nothing depends on the real date, run the whole suite at another moment:

    YUQING_TEST_NOW=2027-01-01T00:30:00+08:00 scripts/test

(the clock starts there and keeps ticking).
"""

from __future__ import annotations

import os
from datetime import datetime

import pytest
import time_machine

_session_travel: time_machine.travel | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _session_travel
    start = os.environ.get("YUQING_TEST_NOW")
    if start and _session_travel is None:
        _session_travel = time_machine.travel(datetime.fromisoformat(start), tick=True)
        _session_travel.start()


def pytest_report_header(config: pytest.Config) -> str | None:
    start = os.environ.get("YUQING_TEST_NOW")
    return f"clock: the suite runs from {start} (YUQING_TEST_NOW)" if start else None


@pytest.fixture
def clock(time_machine):
    """The test's clock: `clock.move_to(datetime, tick=False)` stops time there; `clock.shift(timedelta)` moves it."""
    return time_machine


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("boss", "", "pw-for-tests-1")


@pytest.fixture
def logged_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def quiet_office(settings):
    """Deliveries wait for a worker (never sent behind a test's back) and passwords hash fast: PBKDF2's
    million rounds cost about a second per user on a small machine. Folders whose tests make many
    people use it for every test (an autouse fixture in their conftest asks for it)."""
    settings.YUQING_NOTIFY_SEND = "worker"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (the dashboard keeps its office-wide figures there briefly),
    and expired figures are computed in the request (yuqing.shared_figures): no thread outlives its test."""
    from django.conf import settings

    if settings.configured:
        from django.core.cache import cache

        settings.YUQING_FIGURES_REFRESH = "inline"
        cache.clear()
    yield
