import os

import pytest

# Playwright's sync API runs an event loop in the test thread (see tests/web/conftest.py).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.units.factories import build_office  # noqa: E402
from tests.web.browser import page  # noqa: E402,F401  (fixture)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def office(db):
    return build_office()
