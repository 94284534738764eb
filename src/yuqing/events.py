"""A tiny in-process event bus. Handlers run after the surrounding transaction commits.

Why after commit: a handler (an alert, a notification) must never announce a write that was
rolled back. Handlers are registered by apps in AppConfig.ready(), never at import time.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any, Callable

from django.db import transaction

log = logging.getLogger("yuqing.events")
Handler = Callable[..., None]
_handlers: dict[str, list[Handler]] = defaultdict(list)


def subscribe(event: str, handler: Handler) -> None:
    if handler not in _handlers[event]:
        _handlers[event].append(handler)


def unsubscribe(event: str, handler: Handler) -> None:
    if handler in _handlers[event]:
        _handlers[event].remove(handler)


def emit(event: str, **payload: Any) -> None:
    """Call every handler of `event` once the current transaction (if any) commits."""
    transaction.on_commit(lambda: _dispatch(event, payload))


def _dispatch(event: str, payload: dict[str, Any]) -> None:
    for handler in list(_handlers.get(event, ())):
        try:
            handler(**payload)
        except Exception:  # one failing subscriber must not stop the others
            log.exception("handler %s for event %s failed", getattr(handler, "__name__", handler), event)
