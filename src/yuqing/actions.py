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
                subject = next((a for a in args if isinstance(a, models.Model)), None)
                before = describe(subject) if subject is not None else None
                result = func(actor, *args, **kwargs)
                detail = {k: v for k, v in kwargs.items() if _simple(v) and not k.endswith(PRIVATE_ARGUMENTS)}
                if isinstance(result, models.Model):
                    audit(actor, name, result, **detail)
                else:  # nothing returned (a delete): the audit row names what was acted on, as it was
                    _audit_subject(actor, name, subject, before, detail)
                events.emit(name, actor=actor, result=result)
            return result

        return wrapper  # type: ignore[return-value]

    return decorate


# Never copied into the audit trail: secrets, and addresses that carry a robot's key.
SECRET_FIELDS = ("secret", "password", "hash", "token", "target")
# An action's keyword arguments that never go into its audit row (`password=`, `new_password=`).
PRIVATE_ARGUMENTS = ("password", "secret", "token")


def describe(instance: models.Model) -> dict[str, Any]:
    """The instance's main fields (short values, foreign keys as ids), for the audit trail."""
    fields: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if any(word in field.name for word in SECRET_FIELDS) or isinstance(field, (models.TextField, models.JSONField)):
            continue
        value = getattr(instance, field.attname)
        fields[field.attname] = value if _simple(value) and not isinstance(value, str) else str(value)[:200]
    return fields


def _audit_subject(actor, name: str, subject: models.Model | None, before: dict | None, detail: dict) -> None:
    from yuqing.accounts.models import AuditEntry

    if subject is None or before is None:
        audit(actor, name, None, **detail)
        return
    AuditEntry.objects.create(actor=actor if getattr(actor, "pk", None) else None, action=name,
                              target_type=subject._meta.label_lower, target_id=str(before.get("id", "")),
                              detail=_json_safe({**detail, "target": before}))


def _simple(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool, type(None)))


def _json_safe(detail: dict[str, Any]) -> dict[str, Any]:
    return {k: (v if _simple(v) or isinstance(v, (list, dict)) else str(v)) for k, v in detail.items()}
