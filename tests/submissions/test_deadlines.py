"""Sudden-incident clocks on a controllable clock: every `now` is passed in; nothing sleeps."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from tests.submissions.helpers import EVENT, new_item
from yuqing.submissions import deadlines, editing, workflow
from yuqing.submissions.models import PointsEntry, ReportDeadline, ReportingPolicy

pytestmark = pytest.mark.django_db
Status = ReportDeadline.Status


def minutes(n: float):
    return EVENT + timedelta(minutes=n)


def _clocks(item) -> dict[str, ReportDeadline]:
    return {d.stage: d for d in item.deadlines.all()}


def test_a_sudden_item_opens_its_clocks_from_the_time_of_the_event(office):
    item = new_item(office, category="sudden")
    clocks = _clocks(item)
    assert set(clocks) == {"first", "followup"}
    assert clocks["first"].due_at == minutes(30) and clocks["followup"].due_at == minutes(120)
    assert clocks["first"].unit == office.county_a and clocks["first"].person == office.officer_a
    assert not new_item(office, category="routine").deadlines.exists()


def test_the_policy_sets_the_clocks(office):
    ReportingPolicy.objects.create(first_report_minutes=15, followup_minutes=60)
    clocks = _clocks(new_item(office, category="sudden"))
    assert clocks["first"].due_at == minutes(15) and clocks["followup"].due_at == minutes(60)


def test_correcting_the_event_time_moves_the_running_clocks(office):
    item = new_item(office, category="sudden")
    editing.edit_submission(office.officer_a, item, event_at=minutes(-60))
    assert _clocks(item)["first"].due_at == minutes(-30)


def test_on_time_first_report(office):
    item = new_item(office, category="sudden")
    workflow.submit(office.officer_a, item, now=minutes(20))
    first = _clocks(item)["first"]
    assert (first.status, first.met_by, first.late_minutes) == (Status.MET, item, None)
    assert not PointsEntry.objects.exists()


def test_late_first_report_is_recorded_against_unit_and_person(office):
    item = new_item(office, category="sudden")
    workflow.submit(office.head_a, item, now=minutes(47))
    first = _clocks(item)["first"]
    assert (first.status, first.late_minutes, first.unit, first.person) == (Status.LATE, 17, office.county_a, office.head_a)
    entry = PointsEntry.objects.get()
    assert (entry.kind, entry.points, entry.unit, entry.person) == ("late", Decimal("-1"), office.county_a, office.head_a)


def test_a_resubmission_after_return_does_not_move_the_clock(office):
    item = new_item(office, category="sudden")
    workflow.submit(office.officer_a, item, now=minutes(10))
    workflow.take(office.editor, item)
    workflow.return_item(office.editor, item, reason="补充伤亡情况")
    workflow.submit(office.officer_a, item, now=minutes(90))
    assert _clocks(item)["first"].status == Status.MET


def test_follow_up_and_final_reports(office):
    root = new_item(office, category="sudden")
    workflow.submit(office.officer_a, root, now=minutes(5))
    follow = editing.create_submission(office.officer_a, unit=office.county_a, category="sudden", thread=root,
                                       stage="followup", title="续报", body="现场已控制。")
    assert follow.event_at == root.event_at
    workflow.submit(office.officer_a, follow, now=minutes(100))
    assert _clocks(root)["followup"].status == Status.MET
    editing.close_event(office.officer_a, root, closed_at=minutes(300))
    final_clock = _clocks(root)["final"]
    assert final_clock.due_at == minutes(300 + 24 * 60)
    final = editing.create_submission(office.officer_a, unit=office.county_a, category="sudden", thread=root, stage="final",
                                      title="终报", body="处置完毕。")
    workflow.submit(office.officer_a, final, now=minutes(400))
    assert _clocks(root)["final"].status == Status.MET
    with pytest.raises(Exception, match="final|终报"):
        editing.create_submission(office.officer_a, unit=office.county_a, category="sudden", thread=root, stage="final",
                                  title="再终报", body="x")


def test_a_final_report_without_a_close_closes_the_event(office):
    root = new_item(office, category="sudden")
    final = editing.create_submission(office.officer_a, unit=office.county_a, category="sudden", thread=root, stage="final",
                                      title="终报", body="处置完毕。")
    workflow.submit(office.officer_a, final, now=minutes(200))
    root.refresh_from_db()
    assert root.event_closed_at == minutes(200) and _clocks(root)["final"].status == Status.MET


def test_reminders_on_the_clock(office):
    item = new_item(office, category="sudden")
    assert deadlines.due_reminders(minutes(10)) == []  # 20 minutes left: nothing yet
    soon = deadlines.run_checks(minutes(21))
    assert [(r.deadline.stage, r.kind) for r in soon] == [("first", "due_soon")]
    assert set(soon[0].recipients) == {office.officer_a, office.head_a}  # the unit's people
    from yuqing.notifications.models import Notification

    inbox = Notification.objects.filter(kind="deadline.due_soon")
    assert {n.user for n in inbox} == {office.officer_a, office.head_a} and "甲县委宣传部" in inbox[0].title
    assert deadlines.run_checks(minutes(25)) == []  # reminded once
    overdue = deadlines.run_checks(minutes(31))
    assert [(r.deadline.stage, r.kind) for r in overdue] == [("first", "overdue")]
    assert {office.editor, office.editor2, office.chief} <= set(overdue[0].recipients)  # the office hears of it
    assert deadlines.run_checks(minutes(60)) == []
    assert [(r.deadline.stage, r.kind) for r in deadlines.run_checks(minutes(111))] == [("followup", "due_soon")]
    assert _clocks(item)["first"].is_overdue(minutes(60))


def test_missed_report_is_marked_and_deducted_once(office):
    item = new_item(office, category="sudden")
    missed_at = minutes(30 + 24 * 60)
    kinds = {(r.deadline.stage, r.kind) for r in deadlines.run_checks(missed_at)}
    assert ("first", "missed") in kinds
    assert _clocks(item)["first"].status == Status.MISSED
    deadlines.run_checks(missed_at + timedelta(hours=1))
    deadlines.run_checks(minutes(120 + 24 * 60))  # the follow-up is missed too, 24 hours after its own deadline
    deadlines.run_checks(minutes(121 + 24 * 60))
    missed = PointsEntry.objects.filter(kind="missed", submission=item)
    assert missed.count() == 2 and {e.points for e in missed} == {Decimal("-3")}  # first and follow-up, once each
    workflow.submit(office.officer_a, item, now=missed_at + timedelta(hours=2))
    assert _clocks(item)["first"].status == Status.MISSED  # sending it later does not undo the miss


def test_a_requested_report_starts_the_clock_and_belongs_to_its_sender(office):
    item = editing.request_report(office.editor, unit=office.county_b, title="某地发生火情", event_at=EVENT)
    assert item.state == "draft" and _clocks(item)["first"].due_at == minutes(30)
    assert _clocks(item)["first"].person is None  # not the editor who asked: the unit answers until someone sends it
    editing.edit_submission(office.officer_b, item, body="火情已扑灭。")
    workflow.submit(office.officer_b, item, now=minutes(25))
    item.refresh_from_db()
    assert item.author == office.officer_b and _clocks(item)["first"].status == Status.MET


def test_the_job_is_scheduled():
    from yuqing.extensions import declared

    assert "yuqing.submissions.deadlines.run_checks" in {job.run for job in declared("scheduled")}
