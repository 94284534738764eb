from __future__ import annotations

import os

import pytest

# Playwright's sync API runs an event loop in the test thread (see tests/web/conftest.py).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.web.browser import page  # noqa: E402,F401  (fixture)


@pytest.fixture(autouse=True)
def _quiet(quiet_office):
    """Every test here: tests/conftest.py's quiet_office."""


@pytest.fixture
def people(django_user_model):
    """A duty officer, an editor (reviews reports), a leader, and someone with no role."""
    from django.contrib.auth.models import Group

    made = {}
    for name, role in (("duty", "duty_officer"), ("editor", "editor"), ("leader", "leader"), ("outsider", None)):
        made[name] = django_user_model.objects.create_user(name, f"{name}@office.example", f"pw-{name}-1")
        if role:
            made[name].groups.add(Group.objects.get_or_create(name=role)[0])
    return made
