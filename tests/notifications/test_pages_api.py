"""Inbox, channel and delivery pages and their API."""

from __future__ import annotations

import pytest

from yuqing.accounts.models import ApiToken
from yuqing.notifications.actions import ChannelSpec, create_channel
from yuqing.notifications.models import Channel, Delivery, Notification
from yuqing.notifications.service import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", "alice@office.example", "pw-alice-1")


@pytest.fixture
def alice_api(client, alice):
    _, raw = ApiToken.issue(alice, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_inbox_page_lists_unread_and_opening_marks_read(client, alice):
    notify([alice], "永城<script>告警</script>", link="/notifications/channels/")
    client.force_login(alice)
    page = client.get("/notifications/").content.decode()
    assert "永城&lt;script&gt;告警&lt;/script&gt;" in page and 'id="unread-count">1<' in page
    note = Notification.objects.get()
    assert client.get(f"/notifications/{note.pk}/open/").status_code == 405  # a GET changes nothing
    assert Notification.objects.get().read_at is None
    response = client.post(f"/notifications/{note.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/notifications/channels/"
    assert Notification.objects.get().read_at is not None


def test_open_never_redirects_off_site(client, alice):
    notify([alice], "外链", link="https://evil.example/")
    client.force_login(alice)
    response = client.post(f"/notifications/{Notification.objects.get().pk}/open/")
    assert response["Location"] == "/notifications/"


def test_add_channel_through_the_page(client, alice):
    client.force_login(alice)
    response = client.post("/notifications/channels/add/", {
        "name": "钉钉值班群", "kind": "dingtalk", "target": "https://oapi.dingtalk.com/robot/send?access_token=abc",
        "secret": "SECx", "min_severity": "medium", "kinds": ["alert", "digest"], "enabled": "on"})
    assert response.status_code == 302
    channel = Channel.objects.get()
    assert (channel.user, channel.secret, channel.min_severity, channel.kinds) == (alice, "SECx", "medium", "alert,digest")
    page = client.get("/notifications/channels/").content.decode()
    assert "钉钉值班群" in page and "access_token=abc" not in page  # the token is a password
    edit = client.get(f"/notifications/channels/{channel.pk}/").content.decode()
    assert "SECx" not in edit and 'value="digest" checked' in edit.replace(' id="id_kinds_1"', "")


def test_bad_channel_address_is_explained(client, alice):
    client.force_login(alice)
    page = client.post("/notifications/channels/add/", {"kind": "wecom", "target": "ftp://x", "min_severity": "info"}).content.decode()
    assert "http(s)" in page and not Channel.objects.exists()


def test_other_users_channel_cannot_be_changed(client, alice, admin_user):
    theirs = create_channel(admin_user, ChannelSpec(kind="email", name="boss mail"))
    client.force_login(alice)
    client.post(f"/notifications/channels/{theirs.pk}/toggle/")
    assert Channel.objects.get(pk=theirs.pk).enabled


def test_api_inbox(client, alice, alice_api):
    notify([alice], "一", severity="high")
    notify([alice], "二")
    assert client.get("/api/notifications/unread-count", **alice_api).json() == {"unread": 2}
    items = client.get("/api/notifications?unread=true", **alice_api).json()
    assert [i["title"] for i in items] == ["二", "一"]
    assert client.post("/api/notifications/read", {"ids": [items[0]["id"]]}, content_type="application/json", **alice_api).json() == {"marked": 1}
    assert client.get("/api/notifications/unread-count", **alice_api).json() == {"unread": 1}


def test_api_channels_hide_secrets(client, alice_api):
    created = client.post("/api/notifications/channels", {
        "kind": "wecom", "target": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY", "name": "企业微信"},
        content_type="application/json", **alice_api)
    assert created.status_code == 201
    body = created.json()
    assert "KEY" not in str(body) and body["target"] == "https://qyapi.weixin.qq.com/…"
    channel_id = body["id"]
    test = client.post(f"/api/notifications/channels/{channel_id}/test", **alice_api)
    assert test.status_code == 202 and Delivery.objects.get().kind == "test"
    assert client.get("/api/notifications/deliveries", **alice_api).json()[0]["status"] == "pending"
    bad = client.post("/api/notifications/channels", {"kind": "wecom", "target": "nope"}, content_type="application/json", **alice_api)
    assert bad.status_code == 400
    assert client.delete(f"/api/notifications/channels/{channel_id}", **alice_api).status_code == 204


def test_api_refuses_office_channel_for_non_admin(client, alice_api):
    response = client.post("/api/notifications/channels", {"kind": "webhook", "target": "https://h.example/", "office_wide": True},
                           content_type="application/json", **alice_api)
    assert response.status_code == 409
