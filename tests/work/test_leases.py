"""Leases: one holder at a time, taken over when they run out, and a stale owner's writes refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from yuqing.work import leases
from yuqing.work.models import Lease

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_holder_at_a_time_and_the_next_takes_over_with_a_new_epoch():
    first = leases.acquire("analysis", holder="a")
    assert leases.acquire("analysis", holder="b") is None
    assert leases.acquire("analysis", holder="a") == first
    Lease.objects.update(expires_at=timezone.now() - timedelta(seconds=1))  # a stopped renewing (killed)
    second = leases.acquire("analysis", holder="b")
    assert second == first + 1


def test_a_stale_owner_cannot_write():
    epoch = leases.acquire("analysis", holder="a")
    Lease.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    leases.acquire("analysis", holder="b")
    with pytest.raises(leases.LeaseLost), transaction.atomic():
        Lease.objects.create(name="written-by-a", holder="a", epoch=0, expires_at=timezone.now(), acquired_at=timezone.now())
        leases.confirm("analysis", epoch, holder="a")
    assert not Lease.objects.filter(name="written-by-a").exists()


def test_a_clean_stop_hands_the_lease_over_at_once():
    leases.acquire("scheduler", holder="a")
    leases.release_all(holder="a")
    assert leases.acquire("scheduler", holder="b") is not None


def test_a_lease_that_ran_out_but_nobody_took_is_still_its_holders():
    """A slow start (building the pipeline takes seconds) must not cost the owner its state."""
    epoch = leases.acquire("analysis", holder="a")
    Lease.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    leases._held.clear()  # as if its last renewal were long ago
    with transaction.atomic():
        leases.confirm("analysis", epoch, holder="a")
    assert leases.acquire("analysis", holder="a") == epoch
