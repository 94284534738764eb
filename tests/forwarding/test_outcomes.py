"""What the higher level did: an adoption recorded on the forwarded entry becomes the item's
adoption at that level with its evidence, earns its points and counts in the rankings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.forwarding.helpers import draft_batch, sent_batch
from yuqing.errors import InputError, WorkflowError
from yuqing.forwarding.outcomes import record_outcome
from yuqing.submissions.adoption import record_adoption
from yuqing.submissions.models import PointsEntry
from yuqing.submissions.periods import parse_period
from yuqing.submissions.rankings import unit_rows
from yuqing.units.models import Unit

pytestmark = pytest.mark.django_db
ON = date(2026, 11, 30)


def test_a_provincial_adoption_flows_into_points_and_rankings(office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    entry = sent_batch(office).entries.first()
    scan = SimpleUploadedFile("宣传信息第21期.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    record_outcome(office.editor, entry, adopted=True, level="provincial", on=ON, evidence="《宣传信息》2026年第21期", scan=scan)
    entry.refresh_from_db()
    adoption = entry.adoption
    assert (adoption.level, adoption.submission) == ("provincial", entry.submission)
    assert adoption.evidence == "省委宣传部信息处：《宣传信息》2026年第21期" and adoption.adopted_at.date() == ON
    points = PointsEntry.objects.get(submission=entry.submission, note=adoption.get_level_display())
    assert points.points == Decimal("6") and points.unit == office.county_a  # experience, provincial
    rows = {r.name: r for r in unit_rows(parse_period("2026-11"), Unit.objects.all())}
    assert rows["甲县委宣传部"].provincial == 1 and rows["乙区委宣传部"].provincial == 0
    assert entry.evidence_file.read() == b"%PDF-1.4 scan"


def test_an_adoption_needs_a_level_and_evidence(office):
    entry = sent_batch(office).entries.first()
    with pytest.raises(InputError):
        record_outcome(office.editor, entry, adopted=True, level="provincial", on=ON)
    with pytest.raises(InputError):
        record_outcome(office.editor, entry, adopted=True, level="unit", on=ON, evidence="x")
    fake = SimpleUploadedFile("scan.pdf", b"MZ not a pdf")
    with pytest.raises(InputError):
        record_outcome(office.editor, entry, adopted=True, level="provincial", on=ON, scan=fake)
    entry.refresh_from_db()
    assert entry.outcome == "" and not entry.submission.adoptions.filter(level="provincial").exists()


def test_only_after_sending_once_and_by_editors(office):
    draft = draft_batch(office).entries.first()
    with pytest.raises(WorkflowError):
        record_outcome(office.editor, draft, adopted=False, on=ON)
    entry = sent_batch(office).entries.last()
    with pytest.raises(WorkflowError):
        record_outcome(office.officer_b, entry, adopted=False, on=ON)
    record_outcome(office.editor, entry, adopted=False, on=ON)
    with pytest.raises(WorkflowError):
        record_outcome(office.editor, entry, adopted=True, level="provincial", on=ON, evidence="第9期")
    entry.refresh_from_db()
    assert (entry.outcome, entry.adoption) == ("not_adopted", None)


def test_an_adoption_already_recorded_on_the_item_is_linked_not_counted_twice(office):
    entry = sent_batch(office).entries.first()
    record_adoption(office.editor, entry.submission, level="provincial", evidence="第21期")
    record_outcome(office.editor, entry, adopted=True, level="provincial", on=ON, evidence="第21期")
    entry.refresh_from_db()
    assert entry.adoption.evidence == "第21期"
    assert entry.submission.adoptions.filter(level="provincial").count() == 1
    assert PointsEntry.objects.filter(submission=entry.submission, note="省级").count() == 1
