"""A briefing's life: a generated draft that editors write on, submitted for sign-off, signed off
(签发) for good or returned with a note; generated again for the same period it becomes a new
version of the same briefing; a draft can be deleted. Each step is one audited action.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yuqing.accounts.roles import has_role
from yuqing.actions import action
from yuqing.briefings.editing import STAFF_SECTIONS
from yuqing.briefings.models import Briefing, BriefingVersion, State
from yuqing.errors import InputError, WorkflowError

WRITERS = ("admin", "leader", "analyst", "duty_officer", "editor", "chief_editor")
SIGNERS = ("admin", "leader", "chief_editor")
MAX_TEXT = 20_000


def can_write(user) -> bool:
    return has_role(user, *WRITERS)


def can_sign(user) -> bool:
    return has_role(user, *SIGNERS)


def writer_refusal() -> str:
    return _("Briefings are written by analysts, duty officers, editors, chief editors, leaders and administrators.")


def signer_refusal() -> str:
    return _("A briefing is signed off by a chief editor, a leader or an administrator.")


def _writer(actor) -> None:
    if actor is not None and not can_write(actor):
        raise WorkflowError(writer_refusal())


def _signer(actor) -> None:
    if not can_sign(actor):
        raise WorkflowError(signer_refusal())


def _in(briefing: Briefing, *states: str) -> None:
    if briefing.state not in states:
        if briefing.state == State.SIGNED:
            raise WorkflowError(_("This briefing is signed off and no longer changes."))
        raise WorkflowError(_("This briefing is %(state)s: that cannot be done now.") % {"state": briefing.get_state_display()})


def replace_generated(actor, briefing: Briefing, content: dict, now) -> Briefing:
    """Generated again for its period: the old generation goes to the history, the new one is a draft.

    What staff wrote in the analysis and recommendations stays; their rewording of generated
    sections stays with the old version (the figures under it changed)."""
    _in(briefing, State.DRAFT, State.REVIEW)
    BriefingVersion.objects.create(briefing=briefing, number=briefing.version, content=briefing.content,
                                   texts=briefing.texts, generated_at=briefing.created_at, created_by=briefing.created_by)
    briefing.content, briefing.version, briefing.state = content, briefing.version + 1, State.DRAFT
    briefing.texts = {key: text for key, text in briefing.texts.items() if key in STAFF_SECTIONS}  # picked stays too
    briefing.created_at, briefing.created_by = now, actor if getattr(actor, "pk", None) else None
    briefing.save()
    return briefing


@action("briefing.edit")
def edit(actor, briefing: Briefing, *, title: str, texts: dict[str, str]) -> Briefing:
    _writer(actor)
    _in(briefing, State.DRAFT)
    if not title.strip():
        raise InputError(_("A briefing needs a title"))
    if any(len(text) > MAX_TEXT for text in texts.values()):
        raise InputError(_("A section may have at most %(n)d characters") % {"n": MAX_TEXT})
    briefing.title, briefing.texts = title.strip()[:300], {key: text.strip() for key, text in texts.items()}
    briefing.edited_by, briefing.edited_at = actor, timezone.now()
    briefing.save(update_fields=["title", "texts", "edited_by", "edited_at"])
    return briefing


@action("briefing.pick")
def pick(actor, briefing: Briefing, *, document_ids: list[int]) -> Briefing:
    """Add documents to the draft's "selected posts" section (each once, in the order added)."""
    _writer(actor)
    _in(briefing, State.DRAFT)
    from yuqing.documents.models import Document

    known = set(Document.objects.filter(pk__in=document_ids).values_list("pk", flat=True))
    briefing.picked = list(dict.fromkeys([*briefing.picked, *[pk for pk in document_ids if pk in known]]))
    briefing.save(update_fields=["picked"])
    return briefing


def drafts(user):
    """The drafts `user` may add documents to, newest period first."""
    return Briefing.objects.filter(state=State.DRAFT).order_by("-period_start", "-id") if can_write(user) else Briefing.objects.none()


@action("briefing.submit")
def submit(actor, briefing: Briefing) -> Briefing:
    """The draft is ready: the signers are told."""
    _writer(actor)
    _in(briefing, State.DRAFT)
    briefing.state, briefing.submitted_by, briefing.submitted_at, briefing.review_note = State.REVIEW, actor, timezone.now(), ""
    briefing.save(update_fields=["state", "submitted_by", "submitted_at", "review_note"])
    _tell_signers(briefing)
    return briefing


@action("briefing.return")
def send_back(actor, briefing: Briefing, *, note: str) -> Briefing:
    _signer(actor)
    _in(briefing, State.REVIEW)
    if not note.strip():
        raise InputError(_("Say what should change before the briefing can be signed off"))
    briefing.state, briefing.review_note = State.DRAFT, note.strip()
    briefing.save(update_fields=["state", "review_note"])
    with translation.override(settings.LANGUAGE_CODE):
        _tell(briefing.submitted_by, briefing, _("Returned for changes: %(title)s") % {"title": briefing.title}, note.strip())
    return briefing


@action("briefing.sign_off")
def sign_off(actor, briefing: Briefing) -> Briefing:
    """签发: the briefing is final; its files carry the signer's name and the date."""
    _signer(actor)
    _in(briefing, State.REVIEW)
    briefing.state, briefing.signed_off_by, briefing.signed_off_at = State.SIGNED, actor, timezone.now()
    briefing.save(update_fields=["state", "signed_off_by", "signed_off_at"])
    with translation.override(settings.LANGUAGE_CODE):
        _tell(briefing.submitted_by, briefing, _("Signed off: %(title)s") % {"title": briefing.title})
    return briefing


@action("briefing.delete")
def delete(actor, briefing: Briefing) -> Briefing:
    """A draft nobody needs: gone with its history (the audit row keeps its id and title)."""
    _writer(actor)
    _in(briefing, State.DRAFT)
    pk = briefing.pk
    briefing.delete()
    briefing.pk = pk  # for the audit row
    return briefing


def _tell_signers(briefing: Briefing) -> None:
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(is_active=True, groups__name__in=["chief_editor", "leader"]).distinct()
    with translation.override(settings.LANGUAGE_CODE):
        _notify(people, briefing, _("To sign off: %(title)s") % {"title": briefing.title})


def _tell(user, briefing: Briefing, title: str, body: str = "") -> None:
    if user is not None:
        _notify([user], briefing, title, body)


def _notify(people, briefing: Briefing, title: str, body: str = "") -> None:
    from yuqing.notifications.service import notify

    notify(people, title, body=body, link=f"/briefings/{briefing.pk}/", kind="briefing",
           subject=f"briefings.briefing:{briefing.pk}")
