"""Failed logins and bad API tokens are counted per account and per address; at the limit both are
locked (429, even for the right password), the lockout is logged and audited, an administrator
lifts it, and it ends by itself after the cool-off."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from yuqing.accounts.models import ApiToken, AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "Right-Password-2026"


@pytest.fixture
def alice(django_user_model, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return django_user_model.objects.create_user("alice", "alice@office.example", PASSWORD)


def login(username: str, password: str, address: str = "10.0.0.1") -> int:
    return Client().post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address).status_code


def test_an_account_is_locked_after_five_wrong_passwords_even_for_the_right_one(alice):
    assert [login("alice", "wrong") for _ in range(4)] == [200] * 4
    assert login("alice", "wrong") == 429
    assert login("alice", PASSWORD) == 429  # the right password, too late
    assert login("alice", PASSWORD, address="10.9.9.9") == 429  # from anywhere: the account is locked
    entry = AuditEntry.objects.get(action="account.locked_out")
    assert entry.detail["username"] == "alice"


def test_an_address_is_locked_after_five_failures_on_any_accounts(alice):
    for name in ("bob", "carol", "dave", "erin", "frank"):
        login(name, "guess", address="10.0.0.66")
    assert login("alice", PASSWORD, address="10.0.0.66") == 429
    assert login("alice", PASSWORD, address="10.0.0.7") == 302  # alice herself, elsewhere, is fine


def test_a_success_resets_the_count(alice):
    for _ in range(4):
        login("alice", "wrong")
    assert login("alice", PASSWORD) == 302
    assert [login("alice", "wrong") for _ in range(4)] == [200] * 4


def test_a_success_forgives_only_that_account_not_the_guesses_at_others_from_the_address(alice, django_user_model):
    """django-axes' own reset on success deletes every row of the address too: an attacker with one
    valid account could log in between guesses and never reach the limit on someone else's account."""
    django_user_model.objects.create_user("mallory", "", PASSWORD)
    assert [login("alice", "guess", address="10.0.0.66") for _ in range(4)] == [200] * 4
    assert login("mallory", PASSWORD, address="10.0.0.66") == 302
    assert login("alice", "guess", address="10.0.0.66") == 429  # alice's fifth failure: her account locks
    assert login("alice", PASSWORD, address="10.0.0.7") == 429


def test_the_lockout_ends_after_the_cool_off(alice, clock):
    clock.move_to("2026-11-03T10:00:00+08:00", tick=False)
    for _ in range(5):
        login("alice", "wrong")
    clock.move_to("2026-11-03T10:29:00+08:00", tick=False)
    assert login("alice", PASSWORD) == 429
    clock.move_to("2026-11-03T10:31:00+08:00", tick=False)
    assert login("alice", PASSWORD) == 302


def test_an_administrator_lifts_a_lockout_and_that_is_audited(alice, django_user_model):
    for _ in range(5):
        login("alice", "wrong")
    admin = django_user_model.objects.create_user("office_admin", "", "x")
    admin.groups.add(Group.objects.get_or_create(name="admin")[0])
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("account:lockouts")).content.decode()
    assert "alice" in page and "10.0.0.1" in page
    assert client.post(reverse("account:lockout_lift"), {"username": "alice", "address": "10.0.0.1"}).status_code == 302
    assert login("alice", PASSWORD) == 302
    assert AuditEntry.objects.filter(action="account.unlocked", actor=admin).exists()
    officer = django_user_model.objects.create_user("officer", "", "x")
    officer.groups.add(Group.objects.get_or_create(name="officer")[0])
    client.force_login(officer)
    assert client.get(reverse("account:lockouts")).status_code == 403


def test_an_address_locked_by_failures_on_many_accounts_is_listed_and_lifted(alice, django_user_model):
    """django-axes keeps a row per account and address, each with one failure here: the page adds them up."""
    for name in ("bob", "carol", "dave", "erin", "frank"):
        login(name, "guess", address="10.0.0.66")
    admin = django_user_model.objects.create_user("office_admin", "", "x")
    admin.groups.add(Group.objects.get_or_create(name="admin")[0])
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("account:lockouts")).content.decode()
    assert "10.0.0.66" in page and "bob" not in page  # the address is locked; no account is
    assert client.post(reverse("account:lockout_lift"), {"address": "10.0.0.66"}).status_code == 302
    assert login("alice", PASSWORD, address="10.0.0.66") == 302


def test_bad_api_tokens_lock_the_address(alice):
    _, good = ApiToken.issue(alice, "script")
    api = Client()
    for n in range(5):
        assert api.get("/api/sources", HTTP_AUTHORIZATION=f"Bearer yq_bad{n}xxxxxxxx", REMOTE_ADDR="10.0.0.5").status_code in (401, 429)
    assert api.get("/api/sources", HTTP_AUTHORIZATION=f"Bearer {good}", REMOTE_ADDR="10.0.0.5").status_code == 429
    assert api.get("/api/sources", HTTP_AUTHORIZATION=f"Bearer {good}", REMOTE_ADDR="10.0.0.6").status_code == 200
    assert AuditEntry.objects.filter(action="account.locked_out").exists()


def test_the_address_behind_a_proxy_is_the_one_the_proxy_saw(alice, settings):
    import dataclasses

    from yuqing.accounts.throttle import client_ip
    from django.test import RequestFactory

    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.9", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "127.0.0.1"  # no proxy configured: the header is a client's claim
    settings.YUQING = dataclasses.replace(settings.YUQING, proxy_count=1)
    assert client_ip(request) == "10.0.0.9"  # what our proxy appended, not what the client wrote before it
