"""Tell people what happened to items (after the action's transaction commits)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from yuqing import events
from yuqing.submissions import notify
from yuqing.submissions.models import State, Submission


def _link(item: Submission) -> str:
    return reverse("submissions:detail", args=[item.pk])


def on_returned(actor=None, result: Submission | None = None, **kwargs: object) -> None:
    note = result.notes.filter(kind=result.state).last()
    title = (_("Returned: %(title)s") if result.state == State.RETURNED else _("Rejected: %(title)s")) % {"title": result.title}
    notify.send([result.author], title, body=note.text if note else "", link=_link(result),
                kind=f"submission.{result.state}", severity="medium")


def on_adopted(actor=None, result: Submission | None = None, **kwargs: object) -> None:
    if result.state == State.ADOPTED:
        notify.send([result.author], _("Adopted: %(title)s") % {"title": result.title}, link=_link(result),
                    kind="submission.adopted")
    elif result.state == State.PENDING_SIGNOFF:
        from django.contrib.auth import get_user_model

        chiefs = get_user_model().objects.filter(groups__name="chief_editor", is_active=True)
        notify.send(chiefs, _("Awaiting your sign-off: %(title)s") % {"title": result.title}, link=_link(result),
                    kind="submission.pending_signoff")


def on_submitted(actor=None, result: Submission | None = None, **kwargs: object) -> None:
    if result.is_sudden:  # the office wants sudden-incident reports at once
        notify.send(notify.reviewers(), _("Sudden incident: %(title)s") % {"title": result.title}, link=_link(result),
                    kind="submission.sudden", severity="high")


def connect() -> None:
    events.subscribe("submission.return", on_returned)
    events.subscribe("submission.reject", on_returned)
    events.subscribe("submission.adopt", on_adopted)
    events.subscribe("submission.sign_off", on_adopted)
    events.subscribe("submission.submit", on_submitted)
