"""Composing and sending a forwarding batch (报送单). One audited action each.

Only adopted items go up. Each entry starts as the item's current text and may be lightly edited
for the higher level; the item itself never changes. A sent batch is numbered (per year, no gaps)
and does not change any more; what the higher level did is recorded afterwards (outcomes.py).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.actions import action
from yuqing.bulletins import ordering
from yuqing.errors import InputError, WorkflowError
from yuqing.forwarding.access import can_forward
from yuqing.forwarding.models import Batch, Entry, HigherBody
from yuqing.submissions.models import State, Submission
from yuqing.submissions.richtext import sanitize


def require_forwarder(actor) -> None:
    if not can_forward(actor):
        raise WorkflowError(_("Only editors forward items to higher levels"))


def require_draft(batch: Batch) -> None:
    if batch.is_sent:
        raise WorkflowError(_("%(batch)s has been sent and cannot change") % {"batch": batch})


@action("forward.create")
def create_batch(actor, *, body: HigherBody, sender: str, contact: str = "", phone: str = "", note: str = "",
                 year: int | None = None) -> Batch:
    require_forwarder(actor)
    if not sender.strip():
        raise InputError(_("Name the sending unit"))
    return Batch.objects.create(body=body, sender=sender.strip(), contact=contact.strip(), phone=phone.strip(),
                                note=note.strip(), year=year or timezone.localdate().year, created_by=actor)


@action("forward.update")
def update_batch(actor, batch: Batch, *, sender: str, contact: str, phone: str, note: str) -> Batch:
    require_forwarder(actor)
    require_draft(batch)
    if not sender.strip():
        raise InputError(_("Name the sending unit"))
    batch.sender, batch.contact, batch.phone, batch.note = sender.strip(), contact.strip(), phone.strip(), note.strip()
    batch.save(update_fields=["sender", "contact", "phone", "note"])
    return batch


@action("forward.add")
def add_entry(actor, batch: Batch, *, submission: Submission) -> Entry:
    require_forwarder(actor)
    require_draft(batch)
    if submission.state != State.ADOPTED:
        raise WorkflowError(_("Only adopted items are forwarded; this one is %(state)s") % {
            "state": submission.get_state_display()})
    if batch.entries.filter(submission=submission).exists():
        raise WorkflowError(_("This item is already in the batch"))
    position = (batch.entries.aggregate(m=Max("position"))["m"] or 0) + 1
    return Entry.objects.create(batch=batch, submission=submission, position=position, title=submission.title,
                                body=submission.body, source_label=submission.unit.name, source_version=submission.version)


@action("forward.edit")
def edit_entry(actor, entry: Entry, *, title: str, body: str, source_label: str) -> Entry:
    """The forwarded wording: kept on the entry, the unit's original stays as it was."""
    require_forwarder(actor)
    require_draft(entry.batch)
    if not title.strip() or not body.strip():
        raise InputError(_("An entry needs a title and a body"))
    entry.title, entry.body, entry.source_label = title.strip(), sanitize(body), source_label.strip()
    entry.edited_by, entry.edited_at = actor, timezone.now()
    entry.save()
    return entry


@action("forward.remove")
def remove_entry(actor, entry: Entry) -> None:
    require_forwarder(actor)
    require_draft(entry.batch)
    entry.delete()


@action("forward.move")
def move_entry(actor, entry: Entry, *, up: bool) -> Entry:
    require_forwarder(actor)
    require_draft(entry.batch)
    ordering.move(list(entry.batch.entries.all()), entry, up=up)
    return entry


@action("forward.send")
def send(actor, batch: Batch, *, sent_on: date | None = None) -> Batch:
    """The batch goes out: it gets its number (编号) and does not change any more."""
    require_forwarder(actor)
    require_draft(batch)
    if not batch.entries.exists():
        raise WorkflowError(_("A batch needs at least one item"))
    # Lock the year's batches so two sends at once cannot take the same number (PostgreSQL).
    list(Batch.objects.select_for_update().filter(year=batch.year).values_list("pk", flat=True))
    last = Batch.objects.filter(year=batch.year).aggregate(m=Max("number"))["m"] or 0
    batch.number, batch.state, batch.sent_by = last + 1, Batch.State.SENT, actor
    batch.sent_on = sent_on or timezone.localdate()
    batch.save(update_fields=["number", "state", "sent_by", "sent_on"])
    return batch
