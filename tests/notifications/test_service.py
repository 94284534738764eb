"""notify(): inbox items, which channels get a delivery, rollback, and the sender after commit."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.db import transaction

from tests.notifications.receivers import SECRETS
from yuqing.errors import ConfigError, InputError
from yuqing.notifications.actions import ChannelSpec, create_channel, mark_read
from yuqing.notifications.models import Delivery, Notification
from yuqing.notifications.service import notify, unread_count
from yuqing.notifications.smtp import parse_smtp_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", "alice@office.example", "pw-alice-1")


def email_channel(user, **spec):
    return create_channel(user, ChannelSpec(kind="email", **spec))


def test_inbox_item_per_distinct_active_recipient(admin_user, alice, django_user_model):
    gone = django_user_model.objects.create_user("gone", is_active=False)
    notify([alice, alice, admin_user, gone, None], "  两条\n消息  ", body="正文", link="/x/", kind="alert", severity="medium")
    assert sorted(Notification.objects.values_list("user__username", flat=True)) == ["alice", "boss"]
    note = Notification.objects.get(user=alice)
    assert (note.title, note.body, note.link, note.kind, note.severity) == ("两条 消息", "正文", "/x/", "alert", "medium")
    assert unread_count(alice) == 1 and mark_read(alice) == 1 and unread_count(alice) == 0


def test_unknown_severity_is_refused(alice):
    with pytest.raises(InputError):
        notify([alice], "x", severity="urgent")


def test_personal_and_office_channels_and_their_filters(admin_user, alice):
    email_channel(alice, name="mine")
    email_channel(alice, name="only serious", min_severity="medium")
    email_channel(admin_user, name="someone else's")
    create_channel(admin_user, ChannelSpec(kind="webhook", name="office", target="https://hook.example/x",
                                           secret="s", kinds="alert"), office_wide=True)
    notify([alice], "提示", severity="info", kind="alert")
    assert sorted(Delivery.objects.values_list("channel__name", flat=True)) == ["mine", "office"]
    Delivery.objects.all().delete()
    notify([alice, admin_user], "较大", severity="medium", kind="alert")
    names = sorted(Delivery.objects.values_list("channel__name", flat=True))
    assert names == ["mine", "office", "only serious", "someone else's"]  # office once, not per recipient
    Delivery.objects.all().delete()
    notify([alice], "密码已重置", kind="account")
    assert sorted(Delivery.objects.values_list("channel__name", flat=True)) == ["mine"]  # office wants alerts only


def test_office_channel_needs_an_administrator(alice):
    from yuqing.errors import WorkflowError

    with pytest.raises(WorkflowError):
        create_channel(alice, ChannelSpec(kind="webhook", target="https://hook.example/x"), office_wide=True)


def test_rolled_back_notify_leaves_nothing(alice):
    email_channel(alice)
    with pytest.raises(RuntimeError), transaction.atomic():
        notify([alice], "不会发出")
        raise RuntimeError("the alert was not saved")
    assert not Notification.objects.exists() and not Delivery.objects.exists()


def test_sending_starts_only_after_commit(alice, settings, django_capture_on_commit_callbacks, monkeypatch):
    calls = []
    monkeypatch.setattr("yuqing.notifications.delivery.deliver_due", lambda *a, **k: calls.append(1))
    settings.YUQING_NOTIFY_SEND = "inline"
    email_channel(alice)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify([alice], "提交后发送")
    assert calls == [] and callbacks
    for callback in callbacks:
        callback()
    assert calls == [1]


def test_secrets_are_not_in_the_audit_trail(admin_user):
    from yuqing.accounts.models import AuditEntry

    create_channel(admin_user, ChannelSpec(kind="dingtalk", target="https://oapi.dingtalk.com/robot/send?access_token=TOKEN",
                                           secret="SECsecret"))
    entry = AuditEntry.objects.get(action="channel.create")
    assert "SECsecret" not in str(entry.detail) and "TOKEN" not in str(entry.detail)


# available_apps makes the flush after this test cascade: on PostgreSQL the search index table
# (documents.index) references documents and a plain TRUNCATE refuses it.
@pytest.mark.django_db(transaction=True, available_apps=list(settings.INSTALLED_APPS))
def test_sender_thread_delivers_right_after_commit(robots, settings, django_user_model):
    settings.YUQING_NOTIFY_SEND = "thread"
    user = django_user_model.objects.create_user("carol", password="pw-carol-1")
    create_channel(user, ChannelSpec(kind="webhook", target=robots.url("/webhook/t"), secret=SECRETS["webhook"]))
    notify([user], "线程发送")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not Delivery.objects.filter(status="sent").exists():
        time.sleep(0.05)
    assert Delivery.objects.get().status == "sent"
    assert robots.received[0].verdict == "ok"


@pytest.mark.parametrize("url, expected", [
    ("smtp://mail.example.org", ("mail.example.org", 25, "", "", False, False)),
    ("smtp+starttls://u%40x:p%2Fw@mail.example.org?from=yq@office.example", ("mail.example.org", 587, "u@x", "p/w", True, False)),
    ("smtp://u:p@mail.example.org:2525?starttls=1", ("mail.example.org", 2525, "u", "p", True, False)),
    ("smtps://u:p@mail.example.org", ("mail.example.org", 465, "u", "p", False, True)),
])
def test_smtp_url(url, expected):
    parsed = parse_smtp_url(url)
    assert (parsed.host, parsed.port, parsed.username, parsed.password, parsed.use_tls, parsed.use_ssl) == expected


@pytest.mark.parametrize("url", ["http://mail.example.org", "smtp://", "mail.example.org:25"])
def test_bad_smtp_url_says_what_to_write(url):
    with pytest.raises(ConfigError, match="smtp://user:password@host"):
        parse_smtp_url(url)


@pytest.fixture
def unit_of(admin_user):
    from yuqing.units.actions import create_unit, set_membership

    def make(code: str, *users):
        unit = create_unit(admin_user, code=code, name=f"单位{code}", kind="county")
        for user in users:
            set_membership(admin_user, user=user, unit=unit)
        return unit

    return make


def test_unit_channel_gets_one_delivery_when_a_member_is_told(alice, admin_user, django_user_model, unit_of):
    bob = django_user_model.objects.create_user("bob", password="pw-bob-1")
    ours, theirs = unit_of("A", alice, bob), unit_of("B")
    create_channel(admin_user, ChannelSpec(kind="webhook", name="A 群", target="https://hook.example/a"), unit=ours)
    create_channel(admin_user, ChannelSpec(kind="webhook", name="B 群", target="https://hook.example/b"), unit=theirs)
    notify([alice, bob], "单位通知")
    assert list(Delivery.objects.values_list("channel__name", flat=True)) == ["A 群"]
    Delivery.objects.all().delete()
    notify([admin_user], "与单位无关")
    assert not Delivery.objects.exists()


def test_unit_head_manages_only_their_units_channels(alice, django_user_model, unit_of):
    from django.contrib.auth.models import Group

    from yuqing.errors import WorkflowError

    Group.objects.get(name="unit_head").user_set.add(alice)
    ours, theirs = unit_of("A", alice), unit_of("B")
    made = create_channel(alice, ChannelSpec(kind="email", name="单位邮箱", target="unit@office.example"), unit=ours)
    assert made.unit == ours and made.user is None and not made.office_wide
    with pytest.raises(WorkflowError):
        create_channel(alice, ChannelSpec(kind="email", target="b@office.example"), unit=theirs)
