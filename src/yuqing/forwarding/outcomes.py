"""What the higher level did with a forwarded item: adopted (at which level, when, with what
evidence) or not. An adoption is written as the item's ordinary adoption at that level
(`submissions.adoption.record_adoption`), which awards its points and counts in the rankings."""

from __future__ import annotations

from datetime import date, datetime, time

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.actions import action
from yuqing.errors import InputError, WorkflowError
from yuqing.forwarding.actions import require_forwarder
from yuqing.forwarding.models import Entry
from yuqing.submissions.adoption import record_adoption
from yuqing.submissions.attachments import check_upload
from yuqing.submissions.models import Level, ReportingPolicy

UPWARD = (Level.CITY, Level.PROVINCIAL, Level.CENTRAL)


def _check_scan(scan: UploadedFile | None) -> None:
    if scan is not None:
        head = scan.read(16)
        scan.seek(0)
        check_upload(scan.name, head, scan.size, ReportingPolicy.current())


def _adopt(actor, entry: Entry, level: str, on: date, evidence: str):
    """The item's adoption at `level`: the one already recorded, or a new one with this evidence."""
    item = entry.submission
    existing = item.adoptions.filter(level=level).first()
    if existing is not None:
        return existing
    at = timezone.make_aware(datetime.combine(on, time(12)))
    return record_adoption(actor, item, level=level, evidence=f"{entry.batch.body.name}：{evidence}"[:200],
                           note=_("Forwarded in %(batch)s") % {"batch": entry.batch.label}, now=at)


@action("forward.outcome")
def record_outcome(actor, entry: Entry, *, adopted: bool, level: str = "", on: date | None = None, evidence: str = "",
                   scan: UploadedFile | None = None) -> Entry:
    require_forwarder(actor)
    if not entry.batch.is_sent:
        raise WorkflowError(_("Record what the higher level did once the batch has been sent"))
    if entry.outcome:
        raise WorkflowError(_("What the higher level did with this item is already recorded"))
    on = on or timezone.localdate()
    _check_scan(scan)
    if adopted:
        if level not in UPWARD:
            raise InputError(_("Say at which level the item was adopted"))
        if not (evidence.strip() or scan):
            raise InputError(_("An adoption needs evidence: the higher bulletin's issue number or a scan"))
        entry.adoption = _adopt(actor, entry, level, on, evidence.strip() or (scan.name if scan else ""))
    entry.outcome = Entry.Outcome.ADOPTED if adopted else Entry.Outcome.NOT_ADOPTED
    entry.outcome_level, entry.outcome_on, entry.evidence = (level if adopted else ""), on, evidence.strip()
    if scan is not None:
        entry.evidence_file, entry.evidence_name = scan, scan.name[:255]
    entry.recorded_by, entry.recorded_at = actor, timezone.now()
    entry.save()
    return entry
