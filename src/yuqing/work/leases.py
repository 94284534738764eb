"""Leases: one owner at a time for a piece of shared state, on SQLite and PostgreSQL alike.

A lease is a row (`Lease`) taken with conditional updates, so it needs no lock that outlives a
statement and works the same in the embedded database and in a deployment. Whoever holds it
renews it (a worker process's Keeper thread, every TTL/4); when it runs out, another process's
`acquire` may take it and the epoch grows. Until someone does, it stays its holder's. `confirm`, run in
the owner's own write transaction, renews it only if the epoch is still the owner's: a stalled
owner whose lease ran out finds it gone and its transaction rolls back (fencing).

Why rows and not PostgreSQL advisory locks: an advisory lock lives as long as one connection,
which Django closes and reopens per request, and SQLite has none; a row is seen by `yuqing status`.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from yuqing.work.identity import identity
from yuqing.work.models import Lease

log = logging.getLogger("yuqing.work")
_held: dict[tuple[str, str], tuple[int, float]] = {}  # (name, holder) -> (epoch, renew after, monotonic)


class LeaseLost(Exception):
    """The lease ran out and someone else may own the state now: this write must not happen."""


def default_ttl() -> timedelta:
    return timedelta(seconds=settings.YUQING.lease_seconds)


def acquire(name: str, holder: str | None = None, ttl: timedelta | None = None) -> int | None:
    """Take or renew lease `name`; returns its epoch, or None while another holder has it."""
    holder, ttl = holder or identity(), ttl or default_ttl()
    epoch, renew_after = _held.get((name, holder), (None, 0.0))
    if epoch is not None and time.monotonic() < renew_after:  # renewed less than TTL/4 ago: no write
        return epoch
    epoch = _take(name, holder, ttl)
    _held[(name, holder)] = (epoch, time.monotonic() + ttl.total_seconds() / 4) if epoch is not None else (None, 0.0)
    return epoch


def _take(name: str, holder: str, ttl: timedelta) -> int | None:
    now = timezone.now()
    _ensure_row(name, now)
    with transaction.atomic():
        # Still ours, even if it ran out while nobody wanted it: nobody else wrote, the epoch stands.
        if Lease.objects.filter(name=name, holder=holder).update(expires_at=now + ttl):
            return Lease.objects.values_list("epoch", flat=True).get(name=name)
        taken = Lease.objects.filter(name=name, expires_at__lte=now).update(
            holder=holder, epoch=F("epoch") + 1, expires_at=now + ttl, acquired_at=now)
        if not taken:
            return None
        epoch = Lease.objects.values_list("epoch", flat=True).get(name=name)
    log.info("lease %s taken by %s (epoch %d)", name, holder, epoch)
    return epoch


def confirm(name: str, epoch: int, holder: str | None = None) -> None:
    """Inside the owner's write transaction: renew the lease or raise LeaseLost (and roll back).

    A lease that ran out but that nobody took is still the owner's: only another holder changes what
    the owner may write (the row's lock orders a take-over and this update)."""
    now = timezone.now()
    kept = Lease.objects.filter(name=name, holder=holder or identity(), epoch=epoch)
    if not kept.update(expires_at=now + default_ttl()):
        _held.pop((name, holder or identity()), None)
        raise LeaseLost(f"lease {name} (epoch {epoch}) is no longer ours")


def release(name: str, holder: str | None = None) -> None:
    """Hand the lease over now instead of letting it run out (a clean stop)."""
    holder = holder or identity()
    _held.pop((name, holder), None)
    Lease.objects.filter(name=name, holder=holder).update(expires_at=timezone.now(), holder="")


def _ensure_row(name: str, now) -> None:
    if Lease.objects.filter(name=name).exists():
        return
    try:
        with transaction.atomic():
            Lease.objects.create(name=name, holder="", epoch=0, expires_at=now, acquired_at=now)
    except IntegrityError:  # another process made it first
        pass


def release_all(holder: str | None = None) -> None:
    """Every lease this process holds, handed over (a clean stop)."""
    holder = holder or identity()
    for key in [key for key in _held if key[1] == holder]:
        _held.pop(key, None)
    Lease.objects.filter(holder=holder).update(expires_at=timezone.now(), holder="")


class Keeper(threading.Thread):
    """Renews the leases this process holds every TTL/4, so long work (a warm-up, a scheduled briefing)
    does not lose them; a process that dies stops renewing and its leases run out after one TTL."""

    def __init__(self) -> None:
        super().__init__(name="yuqing-leases", daemon=True)
        self.stopping = threading.Event()

    def run(self) -> None:
        ttl = default_ttl()
        while not self.stopping.wait(ttl.total_seconds() / 4):
            try:
                now = timezone.now()
                Lease.objects.filter(holder=identity(), expires_at__gt=now).update(expires_at=now + ttl)
            except Exception:
                log.exception("renewing this process's leases failed; they run out if this goes on")
        connection.close()

    def stop(self) -> None:
        self.stopping.set()
