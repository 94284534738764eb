"""Events: what happened, told to the apps that care, after the transaction that did it commits.

Durable: `emit` writes one task row per subscribed handler in the emitting transaction (the
transactional outbox), so a process that dies between the commit and the handler loses nothing:
a worker claims the row and runs the handler. Each handler runs in its own transaction together
with marking its row done, so it takes effect once. The payload is stored as JSON: model
instances (and lists of them) travel as their primary keys and are read again when the handler
runs. A payload that cannot be stored (an object that is neither a model, a list of them nor
plain data) is handed to the handlers in this process after commit, as before; that is logged.

Handlers are registered by apps in AppConfig.ready(), never at import time, under their dotted
name, which is how a task names the handler it is for.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any, Callable

from django.apps import apps
from django.db import models, transaction

log = logging.getLogger("yuqing.events")
Handler = Callable[..., None]
_handlers: dict[str, list[Handler]] = defaultdict(list)
TASK_KIND = "event"


class NotStorable(TypeError):
    pass


def subscribe(event: str, handler: Handler) -> None:
    if handler not in _handlers[event]:
        _handlers[event].append(handler)


def unsubscribe(event: str, handler: Handler) -> None:
    if handler in _handlers[event]:
        _handlers[event].remove(handler)


def handler_name(handler: Handler) -> str:
    return f"{handler.__module__}.{handler.__qualname__}"


def emit(event: str, **payload: Any) -> None:
    """Have every handler of `event` run once the current transaction (if any) commits."""
    handlers = list(_handlers.get(event, ()))
    if not handlers:
        return
    try:
        stored = encode(payload)
    except NotStorable as error:
        log.info("event %s runs in this process only: %s", event, error)
        transaction.on_commit(lambda: _run_here(event, handlers, payload))
        return
    from yuqing.work.queue import enqueue

    for handler in handlers:
        enqueue(TASK_KIND, {"event": event, "handler": handler_name(handler), "payload": stored})


def run_task(task: dict[str, Any]) -> None:
    """A worker runs one handler of one event (the task's transaction is open around it)."""
    handler = next((h for h in _handlers.get(task["event"], ()) if handler_name(h) == task["handler"]), None)
    if handler is None:
        log.warning("no handler %s for event %s in this process; dropped", task["handler"], task["event"])
        return
    handler(**decode(task["payload"]))


def _run_here(event: str, handlers: list[Handler], payload: dict[str, Any]) -> None:
    for handler in handlers:
        try:
            handler(**payload)
        except Exception:  # one failing subscriber must not stop the others
            log.exception("handler %s for event %s failed", handler_name(handler), event)


def encode(value: Any) -> Any:
    if isinstance(value, models.Model):
        return {"$model": value._meta.label, "pk": value.pk}
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise NotStorable(f"a {type(value).__name__} cannot be stored in a task")


def decode(value: Any) -> Any:
    if isinstance(value, dict) and "$model" in value:
        return _model(value["$model"])._default_manager.filter(pk=value["pk"]).first()
    if isinstance(value, list) and value and all(isinstance(item, dict) and "$model" in item for item in value) \
            and len({item["$model"] for item in value}) == 1:
        return _instances(value[0]["$model"], [item["pk"] for item in value])
    if isinstance(value, list):
        return [decode(item) for item in value]
    if isinstance(value, dict):
        return {key: decode(item) for key, item in value.items()}
    return value


def _model(label: str) -> type[models.Model]:
    return apps.get_model(label)


def _instances(label: str, pks: list[Any]) -> list[Any]:
    """The rows again, in the order given (one query); a row deleted since is left out."""
    found = _model(label)._default_manager.in_bulk(pks)
    return [found[pk] for pk in pks if pk in found]
