"""Fixtures: the real local receivers, loopback allowed for webhooks, and a clock the tests drive."""

from __future__ import annotations

import dataclasses

import pytest

from tests.notifications.receivers import RobotReceiver, SmtpSink


@pytest.fixture(autouse=True)
def _worker_sends_only(settings):
    """Deliveries are sent when the test calls deliver_due(now), never behind its back."""
    settings.YUQING_NOTIFY_SEND = "worker"
    settings.YUQING_NOTIFY_ALLOW_NETWORKS = ["127.0.0.1/32"]


@pytest.fixture(scope="session")
def receiver():
    server = RobotReceiver().start()
    yield server
    server.stop()


@pytest.fixture
def robots(receiver):
    receiver.received.clear()
    receiver.behaviour.clear()
    return receiver


@pytest.fixture
def smtp_sink(settings):
    sink = SmtpSink().start()
    settings.YUQING = dataclasses.replace(settings.YUQING, smtp_url=f"smtp://127.0.0.1:{sink.port}?from=yuqing@office.example")
    yield sink
    sink.stop()
