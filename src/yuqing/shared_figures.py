"""Office-wide figures that many pages show (the dashboard's, the rising events), computed once
per `seconds` in each process and served while the next ones are computed.

Fifty people opening the overview as its figures expire must neither compute them fifty times nor
wait for the one who does. The first request ever computes them (others arriving meanwhile wait
for that one); afterwards a request that finds them older than `seconds` gets them at once and
starts one background thread that computes the new ones. Figures older than `STALE_FACTOR` times
`seconds` (a process that sat idle for a while) are computed in the request, so nobody is shown
figures from an hour ago as current.

Setting YUQING_FIGURES_REFRESH: "thread" (default) as above, or "inline": expired figures are
computed in the request that finds them (the test suite's mode: a thread outliving its test must
not write into the next test's cache).
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from typing import Any, Callable

from django.conf import settings
from django.core.cache import cache
from django.db import close_old_connections, connections
from django.utils import timezone, translation

log = logging.getLogger("yuqing.figures")
STALE_FACTOR = 6
# One computation of a key in the requests at a time: the others asking for it wait for its result.
# A lock per key (dropped when nobody holds it): a search's counts never wait for the overview's figures.
_computing: weakref.WeakValueDictionary[str, threading.Lock] = weakref.WeakValueDictionary()
_computing_guard = threading.Lock()
_refreshing: set[str] = set()  # keys a background thread is computing now
_refreshing_lock = threading.Lock()
clock: Callable[[], float] = time.monotonic  # the tests move it


def shared(key: str, seconds: float, compute: Callable[[], Any]) -> Any:
    """The figures of `key`, at most `seconds` old, or older while newer ones are being computed."""
    found = cache.get(key)
    now = clock()
    if found is not None and now - found[0] < seconds:
        return found[1]
    if found is not None and now - found[0] < STALE_FACTOR * seconds and _refresh_in_background(key, seconds, compute):
        return found[1]
    with _computing_lock(key):
        again = cache.get(key)
        if again is not None and clock() - again[0] < seconds:
            return again[1]  # computed by the request we waited for
        return _store(key, seconds, compute())


def _computing_lock(key: str) -> threading.Lock:
    with _computing_guard:
        lock = _computing.get(key)
        if lock is None:
            lock = _computing[key] = threading.Lock()
        return lock


def _store(key: str, seconds: float, value: Any) -> Any:
    cache.set(key, (clock(), value), STALE_FACTOR * seconds)
    return value


def _refresh_in_background(key: str, seconds: float, compute: Callable[[], Any]) -> bool:
    """Start the thread that computes `key` anew (unless one is at it); False in the inline mode."""
    if getattr(settings, "YUQING_FIGURES_REFRESH", "thread") != "thread":
        return False
    with _refreshing_lock:
        if key in _refreshing:
            return True
        _refreshing.add(key)
    context = (translation.get_language(), timezone.get_current_timezone())  # the figures' labels and days
    threading.Thread(target=_refresh, args=(key, seconds, compute, context), name="yuqing-figures", daemon=True).start()
    return True


def _refresh(key: str, seconds: float, compute: Callable[[], Any], context: tuple) -> None:
    language, zone = context
    try:
        close_old_connections()
        with translation.override(language), timezone.override(zone):
            _store(key, seconds, compute())
    except Exception:  # the old figures stay; the next request past their time tries again
        log.exception("office-wide figures %s could not be computed", key)
    finally:
        with _refreshing_lock:
            _refreshing.discard(key)
        connections.close_all()  # this thread's own connections
