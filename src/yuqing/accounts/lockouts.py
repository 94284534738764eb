"""The accounts and addresses locked now (summed from django-axes' attempts) and lifting a lock, audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from yuqing.actions import action


@dataclass
class Lockout:
    username: str
    address: str
    failures: int
    last_attempt: datetime
    until: datetime


def current() -> list[Lockout]:
    """Accounts and addresses whose recent failures reach the limit. django-axes keeps one row per
    account × address × browser and locks on the sum over an account's rows or an address's rows,
    so a lockout is found by adding those up (one row alone may hold a single failure)."""
    from axes.models import AccessAttempt

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = list(AccessAttempt.objects.filter(attempt_time__gte=since).order_by("-attempt_time")
                .values("username", "ip_address", "failures_since_start", "attempt_time"))
    found = [_locked(rows, "username", name, username=name) for name in {r["username"] for r in rows if r["username"]}]
    found += [_locked(rows, "ip_address", ip, address=ip) for ip in {r["ip_address"] for r in rows if r["ip_address"]}]
    return sorted((lock for lock in found if lock), key=lambda lock: lock.last_attempt, reverse=True)


def _locked(rows: list[dict], key: str, value: str, username: str = "", address: str = "") -> Lockout | None:
    """The lockout of one account or address, or None under the limit. It ends when the row that
    brought the newest rows' sum to the limit leaves the cool-off window."""
    total = 0
    mine = [row for row in rows if row[key] == value]  # newest first
    for row in mine:
        total += row["failures_since_start"]
        if total >= settings.AXES_FAILURE_LIMIT:
            failures = sum(r["failures_since_start"] for r in mine)
            return Lockout(username, address, failures, mine[0]["attempt_time"],
                           row["attempt_time"] + settings.AXES_COOLOFF_TIME)
    return None


@action("account.unlocked")
def lift(actor, *, username: str = "", address: str = "") -> int:
    """Forget the failed attempts of an account, an address, or both; returns how many records went."""
    from axes.utils import reset

    count = 0
    if username:
        count += reset(username=username)
    if address:
        count += reset(ip=address)
    return count
