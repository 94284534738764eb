"""Workflow writes: one function per action, one transaction, one audit row, events after commit.

    @action("source.create")
    def create_source(actor, *, name, ...):
        ...
        return source          # the audit row points at the returned model instance

Views and commands call these functions; they never write workflow tables directly.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

from django.db import models, transaction

from yuqing import events

F = TypeVar("F", bound=Callable[..., Any])


def audit(actor, action_name: str, target: models.Model | None = None, **detail: Any):
    from yuqing.accounts.models import AuditEntry

    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action_name,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        detail=_json_safe(detail),
    )


def action(name: str) -> Callable[[F], F]:
    """Run the decorated function atomically, audit it, and emit event `name` after commit."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(actor, *args: Any, **kwargs: Any):
            with transaction.atomic():
                result = func(actor, *args, **kwargs)
                target = result if isinstance(result, models.Model) else None
                audit(actor, name, target, **{k: v for k, v in kwargs.items() if _simple(v)})
                events.emit(name, actor=actor, result=result)
            return result

        return wrapper  # type: ignore[return-value]

    return decorate


def _simple(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool, type(None)))


def _json_safe(detail: dict[str, Any]) -> dict[str, Any]:
    return {k: (v if _simple(v) or isinstance(v, (list, dict)) else str(v)) for k, v in detail.items()}
