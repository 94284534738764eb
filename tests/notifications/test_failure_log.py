"""A channel that cannot be reached is said once in the log, with why, and not once per message and
attempt (the demo's robot buried the printed login under 70 such lines; issue 12, item 10)."""

from __future__ import annotations

import logging

import pytest
from django.utils import timezone

from tests.notifications.test_channels import robot_target
from yuqing.notifications.actions import ChannelSpec, create_channel
from yuqing.notifications.delivery import BACKOFF, MAX_ATTEMPTS, deliver_due
from yuqing.notifications.models import Delivery
from yuqing.notifications.service import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged():
    """What the notifications logger writes at INFO and above (yuqing's loggers do not propagate)."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.INFO)
    handler.emit = records.append
    logger = logging.getLogger("yuqing.notifications")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def test_an_unreachable_robot_is_logged_once_with_why(robots, admin_user, settings, logged):
    settings.YUQING_NOTIFY_ALLOW_NETWORKS = []  # the receiver is on loopback: refused, as an unreachable robot
    create_channel(admin_user, ChannelSpec(name="值班群机器人", kind="webhook", target=robots.url("/webhook/yuqing")))
    for n in range(5):
        notify([admin_user], f"预警 {n}")
    now = timezone.now()
    for _ in range(MAX_ATTEMPTS):
        deliver_due(now)
        now += BACKOFF[-1]
    assert set(Delivery.objects.values_list("status", flat=True)) == {"failed"}  # 5 messages × 6 attempts
    [line] = [record.getMessage() for record in logged]
    assert "值班群机器人" in line and "loopback" in line and "retried" in line


def test_a_channel_that_works_again_says_so(robots, admin_user, settings, logged):
    settings.YUQING_NOTIFY_ALLOW_NETWORKS = []
    url, secret = robot_target(robots, "webhook")
    create_channel(admin_user, ChannelSpec(name="值班群机器人", kind="webhook", target=url, secret=secret))
    notify([admin_user], "预警")
    deliver_due()
    settings.YUQING_NOTIFY_ALLOW_NETWORKS = ["127.0.0.0/8"]
    notify([admin_user], "预警二")
    deliver_due(timezone.now() + BACKOFF[0])
    assert [record.levelname for record in logged] == ["WARNING", "INFO"]
    assert "works again" in logged[1].getMessage()
