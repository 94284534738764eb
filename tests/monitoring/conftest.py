from __future__ import annotations

import os

import pytest

# Playwright's sync API runs an event loop in the test thread (see tests/web/conftest.py).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from yuqing.monitoring.models import Shift


@pytest.fixture(autouse=True)
def _quiet_delivery(quiet_office):
    """Every test here: tests/conftest.py's quiet_office."""


@pytest.fixture
def people(django_user_model):
    """An officer, a backup, a leader, a next-shift officer, and someone with no duty role."""
    from django.contrib.auth.models import Group

    made = {name: django_user_model.objects.create_user(name, f"{name}@office.example", f"pw-{name}-1")
            for name in ("officer", "backup", "leader", "next", "outsider")}
    duty_group, _ = Group.objects.get_or_create(name="duty_officer")
    for name in ("officer", "backup", "next"):
        made[name].groups.add(duty_group)
    return made


@pytest.fixture
def roster(people):
    """Shifts from helpers.BASE - 1h: officer (backup, leader) for 24 h, then `next` for 24 h."""
    from datetime import timedelta

    from tests.monitoring.helpers import BASE

    first = Shift.objects.create(starts_at=BASE - timedelta(hours=1), ends_at=BASE + timedelta(hours=23),
                                 officer=people["officer"], backup=people["backup"], leader=people["leader"])
    Shift.objects.create(starts_at=first.ends_at, ends_at=first.ends_at + timedelta(hours=24), officer=people["next"])
    return first
