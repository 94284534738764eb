"""Every channel against a real local receiver: payload shape, signature, retries, giving up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.notifications.receivers import SECRETS, WECOM_KEY, Behaviour
from yuqing.notifications.actions import ChannelSpec, create_channel
from yuqing.notifications.delivery import BACKOFF, MAX_ATTEMPTS, deliver_due
from yuqing.notifications.models import Channel, Delivery
from yuqing.notifications.service import notify

pytestmark = pytest.mark.django_db


def robot_target(robots, kind: str) -> tuple[str, str]:
    """(url, secret) as an office would paste them from the platform's robot settings."""
    return {
        "wecom": (robots.url(f"/wecom/cgi-bin/webhook/send?key={WECOM_KEY}"), ""),
        "dingtalk": (robots.url("/dingtalk/robot/send?access_token=tok"), SECRETS["dingtalk"]),
        "feishu": (robots.url("/feishu/open-apis/bot/v2/hook/abc"), SECRETS["feishu"]),
        "webhook": (robots.url("/webhook/yuqing"), SECRETS["webhook"]),
    }[kind]


def channel(user, kind: str, target: str, secret: str = "") -> Channel:
    return create_channel(user, ChannelSpec(name=kind, kind=kind, target=target, secret=secret))


@pytest.mark.parametrize("kind", ["wecom", "dingtalk", "feishu", "webhook"])
def test_robot_receives_a_valid_signed_message(robots, admin_user, kind):
    url, secret = robot_target(robots, kind)
    chan = channel(admin_user, kind, url, secret)
    notify([admin_user], "永城化工厂火情", body="东城区一化工厂冒出浓烟，已有 12 条相关信息。", link="https://yq.example/a/1",
           kind="alert", severity="high")
    assert deliver_due() == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.response_code, delivery.last_error) == ("sent", 200, "")
    [got] = robots.received
    assert got.verdict == "ok"
    assert "永城化工厂火情" in str(got.body) and "https://yq.example/a/1" in str(got.body)
    chan.refresh_from_db()
    assert chan.last_success_at and chan.consecutive_failures == 0


@pytest.mark.parametrize("kind", ["dingtalk", "feishu", "webhook"])
def test_wrong_secret_is_refused_and_shows_on_the_channel(robots, admin_user, kind):
    url, _ = robot_target(robots, kind)
    chan = channel(admin_user, kind, url, "not-the-secret")
    notify([admin_user], "测试", severity="info")
    deliver_due()
    delivery = Delivery.objects.get()
    assert delivery.status == "pending" and delivery.attempts == 1
    assert robots.received[0].verdict == "bad signature"
    assert ("sign" in delivery.last_error) or delivery.response_code == 401
    chan.refresh_from_db()
    assert chan.failing and chan.last_error == delivery.last_error


def test_wecom_wrong_key_is_a_failure_even_with_http_200(robots, admin_user):
    chan = channel(admin_user, "wecom", robots.url("/wecom/send?key=wrong"))
    notify([admin_user], "测试")
    deliver_due()
    delivery = Delivery.objects.get()
    assert delivery.response_code == 200 and delivery.status == "pending"
    assert "93000" in delivery.last_error
    assert Channel.objects.get(pk=chan.pk).consecutive_failures == 1


def test_long_body_fits_wecom_limit(robots, admin_user):
    channel(admin_user, "wecom", robot_target(robots, "wecom")[0])
    notify([admin_user], "长消息", body="很长的正文。" * 2000)
    deliver_due()
    assert robots.received[0].verdict == "ok"


def test_retries_follow_the_backoff_on_a_controlled_clock(robots, admin_user):
    url, secret = robot_target(robots, "webhook")
    robots.behaviour["/webhook/yuqing"] = Behaviour(fail_first=2)
    chan = channel(admin_user, "webhook", url, secret)
    notify([admin_user], "重试测试")
    t0 = timezone.now()
    assert deliver_due(t0) == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("pending", 1, 500)
    assert delivery.next_attempt_at == t0 + BACKOFF[0]
    assert deliver_due(t0 + BACKOFF[0] - timedelta(seconds=1)) == 0  # not yet due
    t1 = t0 + BACKOFF[0]
    assert deliver_due(t1) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.next_attempt_at == t1 + BACKOFF[1]
    assert Channel.objects.get(pk=chan.pk).consecutive_failures == 2
    assert deliver_due(t1 + BACKOFF[1]) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 3, "")
    assert Channel.objects.get(pk=chan.pk).consecutive_failures == 0


def test_gives_up_after_the_last_attempt_and_the_page_shows_the_failing_channel(robots, admin_user, client):
    channel(admin_user, "webhook", robots.url("/webhook/yuqing"), "wrong")
    notify([admin_user], "放弃测试")
    now = timezone.now()
    for _ in range(MAX_ATTEMPTS):
        deliver_due(now)
        now += BACKOFF[-1]
    delivery = Delivery.objects.get()
    assert delivery.status == "failed" and delivery.attempts == MAX_ATTEMPTS
    assert deliver_due(now + timedelta(days=1)) == 0
    client.force_login(admin_user)
    page = client.get("/notifications/channels/").content.decode()
    assert "health-failing" in page and "401" in page
    log = client.get("/notifications/deliveries/?status=failed").content.decode()
    assert "放弃测试" in log


def test_address_guard_blocks_loopback_unless_allowed(robots, admin_user, settings):
    settings.YUQING_NOTIFY_ALLOW_NETWORKS = []
    url, secret = robot_target(robots, "webhook")
    channel(admin_user, "webhook", url, secret)
    notify([admin_user], "内网测试")
    deliver_due()
    delivery = Delivery.objects.get()
    assert delivery.status == "pending" and "loopback" in delivery.last_error
    assert robots.received == []


def test_email_reaches_the_smtp_sink(smtp_sink, admin_user):
    channel(admin_user, "email", "duty@office.example")
    notify([admin_user], "永城化工厂火情\n第二行", body="请尽快处理。", link="https://yq.example/a/2", severity="critical")
    assert deliver_due() == 1
    assert Delivery.objects.get().status == "sent"
    [(sender, rcpt, message)] = smtp_sink.messages
    assert sender == "yuqing@office.example" and rcpt == ["duty@office.example"]
    assert "永城化工厂火情 第二行" in message["Subject"]
    assert "请尽快处理" in message.get_content() and "https://yq.example/a/2" in message.get_content()


def test_email_without_a_server_fails_with_what_to_do(admin_user, settings):
    import dataclasses

    settings.YUQING = dataclasses.replace(settings.YUQING, smtp_url="")
    channel(admin_user, "email", "duty@office.example")
    notify([admin_user], "无邮件服务器")
    deliver_due()
    assert "YUQING_SMTP_URL" in Delivery.objects.get().last_error


def test_email_to_a_closed_port_is_retried(admin_user, settings):
    import dataclasses

    from tests.notifications.receivers import _free_port

    settings.YUQING = dataclasses.replace(settings.YUQING, smtp_url=f"smtp://127.0.0.1:{_free_port()}")
    channel(admin_user, "email", "duty@office.example")
    notify([admin_user], "端口关闭")
    deliver_due()
    delivery = Delivery.objects.get()
    assert delivery.status == "pending" and "refused" in delivery.last_error.lower()


@pytest.mark.parametrize("target", ["http://0177.0.0.1/", "http://ⅰ27.0.0.1/", "http://[::1/"])
def test_an_address_the_sender_cannot_parse_is_refused_when_saved(admin_user, target):
    import re

    from yuqing.errors import InputError

    with pytest.raises(InputError, match=re.escape(target)) as refused:  # said in the office's language
        channel(admin_user, "webhook", target)
    assert "不是有效的地址" in str(refused.value)
    assert not Channel.objects.exists()


def test_a_saved_address_is_stored_in_the_senders_normal_form(admin_user):
    assert channel(admin_user, "webhook", "HTTP://Robot.EXAMPLE/hook?key=a b").target == "http://robot.example/hook?key=a%20b"


def test_a_stored_address_that_cannot_be_sent_fails_with_its_reason_instead_of_staying_sending(admin_user):
    chan = channel(admin_user, "webhook", "https://robot.example/hook")
    Channel.objects.filter(pk=chan.pk).update(target="http://0177.0.0.1/")  # saved before addresses were checked
    notify([admin_user], "内网测试")
    assert deliver_due() == 1
    delivery = Delivery.objects.get()
    assert delivery.status == "pending" and "0177.0.0.1" in delivery.last_error and delivery.attempts == 1
