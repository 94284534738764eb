import pytest

from tests.units.factories import build_office


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Nine accounts per test: the default PBKDF2 would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def office(db):
    return build_office()
