import os

import pytest

from tests.units.factories import build_office

# Playwright's sync API runs an event loop in the test thread (the browser tests of the user pages).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Nine accounts per test: the default PBKDF2 would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def office(db):
    return build_office()
