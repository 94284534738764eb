"""A password policy fit for a government office, and a page where every user changes their own password."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from yuqing.accounts.models import AuditEntry
from yuqing.accounts.passwords import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def bob(django_user_model, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return django_user_model.objects.create_user("bob", "bob@office.example", "Start-Password-01")


@pytest.mark.parametrize("password, why", [
    ("Sh0rt-pw", "password_too_short"),                # under 12 characters
    ("alllowercaseletters", "password_too_simple"),    # one class
    ("lowercase-and-dashes", "password_too_simple"),   # two classes
    ("123456789012345", "password_entirely_numeric"),  # digits only
])
def test_weak_passwords_are_refused_with_the_reason(bob, password, why):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, bob)
    assert why in {error.code for error in refused.value.error_list}


def test_a_good_password_passes_and_chinese_counts_as_another_class(bob):
    validate_password("Harbor-Lantern-47", bob)
    validate_password("宣传部值班2026abc", bob)


def test_none_of_the_last_five_passwords_may_come_back(bob):
    passwords = [f"Rotating-Pass-{n:02d}" for n in range(6)]
    for password in passwords:
        validate_password(password, bob)
        bob.set_password(password)
        bob.save()
    for recent in passwords[1:]:  # the current one and the four before it
        with pytest.raises(ValidationError) as refused:
            validate_password(recent, bob)
        assert [error.code for error in refused.value.error_list] == ["password_reused"]
    validate_password(passwords[0], bob)  # six changes ago: allowed again


def test_every_user_changes_their_own_password_on_a_page(bob):
    client = Client()
    client.force_login(bob)
    assert client.get(reverse("account:password")).status_code == 200
    weak = client.post(reverse("account:password"), {"old_password": "Start-Password-01", "new_password1": "password",
                                                     "new_password2": "password"})
    assert weak.status_code == 200 and "error" in weak.content.decode()
    reused = client.post(reverse("account:password"), {"old_password": "Start-Password-01",
                                                       "new_password1": "Start-Password-01", "new_password2": "Start-Password-01"})
    assert reused.status_code == 200
    done = client.post(reverse("account:password"), {"old_password": "Start-Password-01", "new_password1": "Harbor-Lantern-47",
                                                      "new_password2": "Harbor-Lantern-47"})
    assert done.status_code == 302 and client.get(reverse("home")).status_code == 200  # still logged in
    bob.refresh_from_db()
    assert bob.check_password("Harbor-Lantern-47")
    entry = AuditEntry.objects.get(action="account.password_changed")
    assert entry.actor == bob and "Harbor" not in str(entry.detail)


def test_generated_passwords_pass_the_policy(bob):
    for _ in range(20):
        validate_password(generate(), bob)


@pytest.mark.parametrize("https", ["1", ""])
def test_cookies_are_secure_when_served_over_https(https, tmp_path):
    code = ("import django, os; os.environ['DJANGO_SETTINGS_MODULE']='yuqing.web.settings'; django.setup(); "
            "from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS)")
    env = {**os.environ, "YUQING_HTTPS": https, "YUQING_HOME": str(tmp_path), "YUQING_BASE_URL": "https://yq.example.gov.cn"}
    shown = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    if https:
        assert shown.strip() == "True True ('HTTP_X_FORWARDED_PROTO', 'https') ['https://yq.example.gov.cn']"
    else:
        assert shown.strip() == "False False None []"
