"""Every write to the organisation goes through these actions (one transaction, audited)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from yuqing.actions import action
from yuqing.errors import InputError, WorkflowError
from yuqing.units.models import Attendance, Membership, Officer, OfficerChange, Training, Unit

OFFICER_FIELDS = ("name", "unit", "user", "post", "phone", "email", "appointed_on", "status", "full_time", "notes")


def _check_parent(unit: Unit | None, parent: Unit | None) -> None:
    if parent is not None and unit is not None and unit.pk and parent.path.startswith(unit.path):
        raise InputError(_("A unit cannot be placed under itself or one of its own sub-units"))


def _set_path(unit: Unit) -> None:
    """Recompute the unit's path and its whole subtree's (after a create or a move)."""
    old = unit.path
    unit.path = (unit.parent.path if unit.parent else "/") + f"{unit.pk}/"
    unit.save(update_fields=["path"])
    if old and old != unit.path:
        for child in Unit.objects.filter(path__startswith=old).exclude(pk=unit.pk).order_by("path"):
            child.path = unit.path + child.path[len(old):]
            child.save(update_fields=["path"])


@action("unit.create")
def create_unit(actor, *, code: str, name: str, kind: str, parent: Unit | None = None, head: str = "",
                head_phone: str = "", position: int = 0) -> Unit:
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise InputError(_("A unit needs a code and a name"))
    if kind not in Unit.Kind.values:
        raise InputError(_("Unknown unit kind %(kind)s; choose one of %(kinds)s") % {"kind": kind, "kinds": ", ".join(Unit.Kind.values)})
    if Unit.objects.filter(code=code).exists():
        raise InputError(_("A unit with the code %(code)s already exists") % {"code": code})
    unit = Unit.objects.create(code=code, name=name, kind=kind, parent=parent, head=head, head_phone=head_phone,
                               position=position)
    _set_path(unit)
    return unit


@action("unit.update")
def update_unit(actor, unit: Unit, **fields: Any) -> Unit:
    parent_changed = "parent" in fields and fields["parent"] != unit.parent
    if parent_changed:
        _check_parent(unit, fields["parent"])
    for name, value in fields.items():
        if name not in {"name", "kind", "parent", "head", "head_phone", "active", "position"}:
            raise InputError(_("%(field)s cannot be changed here") % {"field": name})
        setattr(unit, name, value)
    unit.save()
    if parent_changed:
        _set_path(unit)
    return unit


@action("unit.set_membership")
def set_membership(actor, *, user, unit: Unit | None) -> Membership | None:
    """Attach a user to a unit (or detach with unit=None)."""
    if unit is None:
        Membership.objects.filter(user=user).delete()
        return None
    membership, _created = Membership.objects.update_or_create(user=user, defaults={"unit": unit})
    return membership


@action("officer.create")
def create_officer(actor, *, name: str, unit: Unit, **fields: Any) -> Officer:
    if not name.strip():
        raise InputError(_("An officer needs a name"))
    officer = Officer.objects.create(name=name.strip(), unit=unit, **_officer_fields(fields))
    OfficerChange.objects.create(officer=officer, actor=_actor(actor), changes={"created": [None, officer.name]})
    _sync_membership(officer)
    return officer


@action("officer.update")
def update_officer(actor, officer: Officer, **fields: Any) -> Officer:
    """Change an officer's file; every changed field is kept in the file's history."""
    changes = {}
    for name, value in _officer_fields(fields).items():
        old = getattr(officer, name)
        if old != value:
            changes[name] = [_shown(old), _shown(value)]
            setattr(officer, name, value)
    if changes:
        officer.save()
        OfficerChange.objects.create(officer=officer, actor=_actor(actor), changes=changes)
        _sync_membership(officer)
    return officer


def _officer_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(OFFICER_FIELDS)
    if unknown:
        raise InputError(_("Unknown officer fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if fields.get("status", Officer.Status.ACTIVE) not in Officer.Status.values:
        raise InputError(_("Unknown officer status %(status)s") % {"status": fields["status"]})
    return fields


def _sync_membership(officer: Officer) -> None:
    """An officer with a login belongs to the officer's unit and is shown by the file's name
    (the roster is the source of truth: yuqing.accounts.people shows the account's name)."""
    if officer.user_id:
        Membership.objects.update_or_create(user_id=officer.user_id, defaults={"unit": officer.unit})
        user = officer.user
        if (user.first_name, user.last_name) != (officer.name, ""):
            user.first_name, user.last_name = officer.name, ""
            user.save(update_fields=["first_name", "last_name"])


def _shown(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value)
    return value


def _actor(actor):
    return actor if getattr(actor, "pk", None) else None


@action("training.create")
def create_training(actor, *, held_on: date, topic: str, place: str = "", organiser: Unit | None = None,
                    materials: str = "", invited: list[Officer] | tuple = ()) -> Training:
    if not topic.strip():
        raise InputError(_("A training meeting needs a topic"))
    training = Training.objects.create(held_on=held_on, topic=topic.strip(), place=place, organiser=organiser,
                                       materials=materials)
    Attendance.objects.bulk_create([Attendance(training=training, officer=o) for o in invited])
    return training


@action("training.attendance")
def record_attendance(actor, training: Training, *, officer: Officer, status: str) -> Attendance:
    if status not in Attendance.Status.values:
        raise WorkflowError(_("Unknown attendance status %(status)s") % {"status": status})
    attendance, _created = Attendance.objects.update_or_create(training=training, officer=officer,
                                                               defaults={"status": status})
    return attendance
