"""Composing and publishing issues. A published issue never changes: corrections go out as a
new issue that names the one it corrects."""

from __future__ import annotations

from datetime import date

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.actions import action
from yuqing.bulletins import ordering
from yuqing.bulletins.access import can_compose, can_sign_off
from yuqing.bulletins.models import Issue, IssueEntry, Periodical
from yuqing.errors import InputError, WorkflowError
from yuqing.submissions.models import State, Submission
from yuqing.submissions.richtext import sanitize


def require_composer(actor) -> None:
    if not can_compose(actor):
        raise WorkflowError(_("Only editors compose bulletin issues"))


def require_draft(issue: Issue) -> None:
    if issue.is_published:
        raise WorkflowError(_("%(issue)s is published and cannot change; send a correction as a new issue") % {"issue": issue})


@action("bulletin.create_issue")
def create_issue(actor, *, periodical: Periodical, year: int | None = None, editor_note: str = "",
                 corrects: Issue | None = None) -> Issue:
    require_composer(actor)
    if corrects is not None and not corrects.is_published:
        raise WorkflowError(_("Only a published issue needs a correction; edit the draft instead"))
    return Issue.objects.create(periodical=periodical, year=year or timezone.localdate().year, editor_note=editor_note,
                                distribution=periodical.distribution, corrects=corrects, created_by=actor)


@action("bulletin.update_issue")
def update_issue(actor, issue: Issue, *, editor_note: str | None = None, distribution: str | None = None) -> Issue:
    require_composer(actor)
    require_draft(issue)
    if editor_note is not None:
        issue.editor_note = editor_note.strip()
    if distribution is not None:
        issue.distribution = distribution.strip()
    issue.save()
    return issue


@action("bulletin.add_entry")
def add_entry(actor, issue: Issue, *, submission: Submission) -> IssueEntry:
    require_composer(actor)
    require_draft(issue)
    if submission.state != State.ADOPTED:
        raise WorkflowError(_("Only adopted items go into a bulletin; this one is %(state)s") % {"state": submission.get_state_display()})
    if issue.entries.filter(submission=submission).exists():
        raise WorkflowError(_("This item is already in the issue"))
    position = (issue.entries.aggregate(m=Max("position"))["m"] or 0) + 1
    return IssueEntry.objects.create(issue=issue, submission=submission, position=position, title=submission.title,
                                     body=submission.body, source_label=submission.unit.name)


@action("bulletin.edit_entry")
def edit_entry(actor, entry: IssueEntry, *, title: str, body: str, source_label: str = "") -> IssueEntry:
    require_composer(actor)
    require_draft(entry.issue)
    if not title.strip() or not body.strip():
        raise InputError(_("An entry needs a title and a body"))
    entry.title, entry.body, entry.source_label = title.strip(), sanitize(body), source_label.strip()
    entry.save()
    return entry


@action("bulletin.remove_entry")
def remove_entry(actor, entry: IssueEntry) -> None:
    require_composer(actor)
    require_draft(entry.issue)
    entry.delete()


@action("bulletin.move_entry")
def move_entry(actor, entry: IssueEntry, *, up: bool) -> IssueEntry:
    require_composer(actor)
    require_draft(entry.issue)
    ordering.move(list(entry.issue.entries.all()), entry, up=up)
    return entry


@action("bulletin.sign_off")
def sign_off(actor, issue: Issue, *, issued_on: date | None = None) -> Issue:
    """签发: the chief editor signs; the issue gets its number and is published, for good."""
    if not can_sign_off(actor):
        raise WorkflowError(_("Only a chief editor signs off an issue"))
    require_draft(issue)
    if not issue.entries.exists():
        raise WorkflowError(_("An issue needs at least one item"))
    # Lock the periodical so two sign-offs at once cannot take the same number (PostgreSQL;
    # SQLite's write transactions are serial anyway).
    Periodical.objects.select_for_update().get(pk=issue.periodical_id)
    last = Issue.objects.filter(periodical=issue.periodical, year=issue.year).aggregate(m=Max("number"))["m"] or 0
    issue.number, issue.state = last + 1, Issue.State.PUBLISHED
    issue.signed_off_by, issue.signed_off_at = actor, timezone.now()
    issue.issued_on = issued_on or timezone.localdate()
    issue.save()
    return issue


@action("bulletin.correct")
def correct(actor, issue: Issue) -> Issue:
    """Start the correction of a published issue: a new draft with the same entries to fix."""
    correction = create_issue.__wrapped__(actor, periodical=issue.periodical, corrects=issue,
                                          editor_note=_("This issue corrects %(issue)s.") % {"issue": issue.label})
    for entry in issue.entries.all():
        IssueEntry.objects.create(issue=correction, submission=entry.submission, position=entry.position,
                                  title=entry.title, body=entry.body, source_label=entry.source_label)
    return correction
