"""The life of an item: draft → submitted → in review → returned / rejected / adopted.

With two-level sign-off in the policy, an editor's adoption waits for the chief editor
(awaiting sign-off → adopted). Every function here is one audited action; an illegal step
raises WorkflowError saying what is allowed instead.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.accounts.people import person_name
from yuqing.accounts.roles import has_role
from yuqing.actions import action
from yuqing.errors import InputError, WorkflowError
from yuqing.submissions import deadlines
from yuqing.submissions.access import can_sign_off, is_member_of
from yuqing.submissions.adoption import finish_adoption
from yuqing.submissions.models import Level, ReportingPolicy, ReviewNote, State, Submission
from yuqing.units.access import is_reviewer

EDITABLE = (State.DRAFT, State.RETURNED)


def require_state(item: Submission, allowed: tuple, doing: str) -> None:
    if item.state not in allowed:
        raise WorkflowError(_("Cannot %(doing)s: the item is %(state)s; this needs an item that is %(allowed)s") % {
            "doing": doing, "state": item.get_state_display(),
            "allowed": _(" or ").join(str(State(s).label) for s in allowed)})


def require_member(actor, item: Submission) -> None:
    if not is_member_of(actor, item.unit_id):
        raise WorkflowError(_("Only officers of %(unit)s may do this") % {"unit": item.unit.name})


def require_reviewer(actor) -> None:
    if not is_reviewer(actor):
        raise WorkflowError(_("Only editors and chief editors review items"))


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _note(item: Submission, kind: str, actor, text: str = "", now: datetime | None = None) -> None:
    ReviewNote.objects.create(submission=item, kind=kind, text=text, version=item.version, by=actor, at=_now(now))


@action("submission.submit")
def submit(actor, item: Submission, *, now: datetime | None = None) -> Submission:
    require_member(actor, item)
    require_state(item, EDITABLE, _("submit"))
    if not item.title.strip() or not item.body.strip():
        raise InputError(_("Write a title and a body before submitting"))
    now = _now(now)
    if item.requested_by_id and item.author_id == item.requested_by_id:
        item.author = actor  # an item requested by the office belongs to the officer who sends it
    item.state, item.submitted_at, item.updated_at = State.SUBMITTED, now, now
    item.first_submitted_at = item.first_submitted_at or now
    item.save()
    _note(item, State.SUBMITTED, actor, now=now)
    if item.is_sudden:
        deadlines.record_report(item, actor, now)
    return item


@action("submission.withdraw")
def withdraw(actor, item: Submission) -> Submission:
    require_member(actor, item)
    require_state(item, (State.SUBMITTED,), _("withdraw"))
    item.state, item.updated_at = State.DRAFT, timezone.now()
    item.save()
    _note(item, State.DRAFT, actor)
    return item


def _hold_lapsed(item: Submission, now: datetime) -> bool:
    minutes = ReportingPolicy.current().hold_minutes
    return item.held_at is None or now - item.held_at > timedelta(minutes=minutes)


@action("submission.take")
def take(actor, item: Submission, *, now: datetime | None = None) -> Submission:
    """Hold an item for review so no other editor works on it at the same time.

    The row is locked and read again inside the action's transaction: two editors pressing at
    once are served one after the other, and the second sees the first one's hold."""
    require_reviewer(actor)
    lock(item)
    require_state(item, (State.SUBMITTED, State.IN_REVIEW), _("start reviewing"))
    now = _now(now)
    held_by_other = item.state == State.IN_REVIEW and item.holder_id not in (None, actor.pk)
    if held_by_other and not (_hold_lapsed(item, now) or has_role(actor, "chief_editor")):
        raise WorkflowError(_("Being handled by %(name)s since %(time)s") % {
            "name": person_name(item.holder), "time": timezone.localtime(item.held_at).strftime("%H:%M")})
    item.state, item.holder, item.held_at = State.IN_REVIEW, actor, now
    item.save()
    return item


def lock(item: Submission) -> None:
    """Lock the item's row until the transaction ends and refresh `item` from it (PostgreSQL:
    SELECT ... FOR UPDATE; SQLite: transactions take the write lock when they begin)."""
    Submission.objects.select_for_update().filter(pk=item.pk).values_list("pk", flat=True).first()
    item.refresh_from_db()


@action("submission.release")
def release(actor, item: Submission) -> Submission:
    require_holder(actor, item)
    item.state, item.holder, item.held_at = State.SUBMITTED, None, None
    item.save()
    return item


def require_holder(actor, item: Submission) -> None:
    require_reviewer(actor)
    lock(item)
    require_state(item, (State.IN_REVIEW,), _("decide"))
    if item.holder_id != actor.pk:
        name = person_name(item.holder) or "—"
        raise WorkflowError(_("Being handled by %(name)s; take it over when they are done") % {"name": name})


def _require_decider(actor, item: Submission) -> None:
    """In review: the holder decides. Awaiting sign-off: the chief editor decides."""
    lock(item)
    if item.state == State.PENDING_SIGNOFF:
        if not can_sign_off(actor):
            raise WorkflowError(_("Only a chief editor may decide an item awaiting sign-off"))
        return
    require_holder(actor, item)


def _close(item: Submission, state: str, actor, reason: str, now: datetime) -> Submission:
    item.state, item.holder, item.held_at, item.decided_at, item.updated_at = state, None, None, now, now
    item.save()
    _note(item, state, actor, reason, now)
    return item


@action("submission.return")
def return_item(actor, item: Submission, *, reason: str, now: datetime | None = None) -> Submission:
    _require_decider(actor, item)
    if not reason.strip():
        raise InputError(_("Say why the item is returned, so the officer knows what to change"))
    return _close(item, State.RETURNED, actor, reason.strip(), _now(now))


@action("submission.reject")
def reject(actor, item: Submission, *, reason: str, now: datetime | None = None) -> Submission:
    _require_decider(actor, item)
    if not reason.strip():
        raise InputError(_("Say why the item is rejected"))
    return _close(item, State.REJECTED, actor, reason.strip(), _now(now))


@action("submission.adopt")
def adopt(actor, item: Submission, *, level: str = Level.CITY, note: str = "", now: datetime | None = None) -> Submission:
    require_holder(actor, item)
    if level not in (Level.UNIT, Level.CITY):
        raise InputError(_("Adopt at the unit or city level here; record provincial and central adoptions afterwards with their evidence"))
    now = _now(now)
    if ReportingPolicy.current().two_level_signoff:
        item.state, item.proposed_level, item.holder, item.held_at, item.updated_at = State.PENDING_SIGNOFF, level, None, None, now
        item.save()
        _note(item, State.PENDING_SIGNOFF, actor, note, now)
        return item
    return finish_adoption(item, actor, level=level, note=note, now=now)


@action("submission.sign_off")
def sign_off(actor, item: Submission, *, note: str = "", now: datetime | None = None) -> Submission:
    if not can_sign_off(actor):
        raise WorkflowError(_("Only a chief editor signs off adoptions"))
    lock(item)
    require_state(item, (State.PENDING_SIGNOFF,), _("sign off"))
    proposer = item.notes.filter(kind=State.PENDING_SIGNOFF).last()
    return finish_adoption(item, proposer.by if proposer else actor, level=item.proposed_level or Level.CITY,
                           note=note, now=_now(now), signer=actor)
