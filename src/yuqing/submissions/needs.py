"""Information needs (信息需求 / 约稿), "因需而供": an editor asks units for exactly what a higher
level needs; units answer with items linked to the need, or say they have nothing to report.

Every write here is one audited action. Answers themselves are ordinary submissions created with
`editing.create_submission(..., need=need)`; `check_answer` is the rule they must meet.
"""

from __future__ import annotations

from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.accounts.roles import has_role
from yuqing.actions import action
from yuqing.errors import InputError, WorkflowError
from yuqing.submissions import notify
from yuqing.submissions.attachments import checked_fields
from yuqing.submissions.models import Category, InformationNeed, NeedAttachment, NeedUnit
from yuqing.units.access import member_unit_ids, membership_unit
from yuqing.units.models import Unit

SCOPES = ("all", "subtree", "list")


def can_publish(user) -> bool:
    return has_role(user, "editor", "chief_editor", "admin")


def require_publisher(actor) -> None:
    if not can_publish(actor):
        raise WorkflowError(_("Only editors publish and manage information needs"))


def units_asked(actor, scope: str, root: Unit | None = None, chosen: QuerySet[Unit] | None = None) -> QuerySet[Unit]:
    """The units a need goes to: all units (but the office's own), a unit and those below it, or a list."""
    active = Unit.objects.filter(active=True)
    if scope == "all":
        own = membership_unit(actor)
        return active.exclude(pk=own.pk) if own else active
    if scope == "subtree" and root is not None:
        return active.filter(path__startswith=root.path)
    if scope == "list" and chosen is not None:
        return active.filter(pk__in=chosen.values("pk"))
    raise InputError(_("Choose the units asked: all units, a unit with the units below it, or a list of units"))


def _check(title: str, wanted: str, categories: list[str], due_at: datetime | None) -> None:
    if not title.strip() or not wanted.strip():
        raise InputError(_("A need needs a topic and a description of what is wanted"))
    if due_at is None:
        raise InputError(_("A need needs a due time"))
    unknown = set(categories) - set(Category.values)
    if unknown:
        raise InputError(_("Unknown category %(category)s") % {"category": ", ".join(sorted(unknown))})


@action("need.publish")
def publish_need(actor, *, title: str, wanted: str, due_at: datetime, units: QuerySet[Unit], categories: list[str] = (),
                 source: str = "", scope: str = "", files: list[UploadedFile] = ()) -> InformationNeed:
    """Publish the need to the units (with its files, all or nothing) and tell their officers."""
    require_publisher(actor)
    categories = list(dict.fromkeys(categories))
    _check(title, wanted, categories, due_at)
    units = list(units)
    if not units:
        raise InputError(_("Ask at least one unit"))
    need = InformationNeed.objects.create(title=title.strip(), wanted=wanted.strip(), categories=categories,
                                          source=source.strip(), due_at=due_at, scope=scope[:300], published_by=actor)
    NeedUnit.objects.bulk_create([NeedUnit(need=need, unit=unit) for unit in units])
    for upload in files:
        _store(actor, need, upload)
    people = [person for unit in units for person in notify.unit_people(unit.pk)]
    notify.send(people, _("Information need: %(title)s") % {"title": need.title}, body=need.wanted,
                link=reverse("submissions:need", args=[need.pk]), kind="need.published", severity="medium")
    return need


@action("need.attach")
def attach_file(actor, need: InformationNeed, *, upload: UploadedFile) -> NeedAttachment:
    require_publisher(actor)
    return _store(actor, need, upload)


def _store(actor, need: InformationNeed, upload: UploadedFile) -> NeedAttachment:
    """Same types, size limit and content check as submissions' attachments."""
    return NeedAttachment.objects.create(need=need, **checked_fields(upload, actor))


@action("need.close")
def close_need(actor, need: InformationNeed, *, now: datetime | None = None) -> InformationNeed:
    """No more answers are taken (and no more reminders sent)."""
    require_publisher(actor)
    if not need.is_open:
        raise WorkflowError(_("This need is already closed"))
    need.closed_at = now or timezone.now()
    need.save(update_fields=["closed_at"])
    return need


def asked_row(need: InformationNeed, unit: Unit) -> NeedUnit:
    row = need.asked.filter(unit=unit).first()
    if row is None:
        raise WorkflowError(_("%(unit)s was not asked for this need") % {"unit": unit.name})
    return row


@action("need.decline")
def decline(actor, need: InformationNeed, *, unit: Unit, reason: str, now: datetime | None = None) -> NeedUnit:
    """The unit has nothing to report, and says why."""
    if unit.pk not in member_unit_ids(actor):
        raise WorkflowError(_("Only officers of %(unit)s may answer for it") % {"unit": unit.name})
    if not need.is_open:
        raise WorkflowError(_("This need is closed"))
    if not reason.strip():
        raise InputError(_("Say why there is nothing to report"))
    row = asked_row(need, unit)
    row.declined_reason, row.declined_at, row.declined_by = reason.strip(), now or timezone.now(), actor
    row.save(update_fields=["declined_reason", "declined_at", "declined_by"])
    return row


def check_answer(need: InformationNeed, unit: Unit, category: str) -> None:
    """An item may answer a need that is open, asked its unit, and takes its category."""
    if not need.is_open:
        raise WorkflowError(_("This need is closed and takes no more answers"))
    asked_row(need, unit)
    if need.categories and category not in need.categories:
        wanted = _(", ").join(str(Category(c).label) for c in need.categories)
        raise InputError(_("This need takes items of the categories %(categories)s") % {"categories": wanted})
