"""Drafting, signing, correcting and withdrawing releases: one audited action each.

Nothing public is edited: only the pending (unsigned) version changes. A correction or a
withdrawal is proposed as a new version with a public reason and becomes public when signed.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.actions import action
from yuqing.errors import InputError, WorkflowError
from yuqing.incidents.models import Statement
from yuqing.releases.access import can_draft, can_sign
from yuqing.releases.models import Release, Version

Kind = Version.Kind


def require_drafter(actor) -> None:
    if not can_draft(actor):
        raise WorkflowError(_("Only duty officers, analysts, editors, leaders and administrators draft releases"))


def _required(value: str, what: str) -> str:
    if not (value or "").strip():
        raise InputError(_("A release needs %(what)s") % {"what": what})
    return value.strip()


def pending(release: Release) -> Version | None:
    return release.versions.filter(signed_at=None).first()


def current(release: Release) -> Version | None:
    """The public text: the latest signed version that is not a withdrawal."""
    return release.versions.exclude(signed_at=None).exclude(kind=Kind.WITHDRAWAL).order_by("-number").first()


@action("release.draft")
def draft_release(actor, *, title: str, issuer: str, text: str, statement: Statement | None = None) -> Release:
    """A new release awaiting sign-off, e.g. from a statement recorded on an incident."""
    require_drafter(actor)
    release = Release.objects.create(title=_required(title, _("a public title")), issuer=_required(issuer, _("an issuer")),
                                     statement=statement, incident=statement.incident if statement else None,
                                     created_by=actor)
    Version.objects.create(release=release, number=1, kind=Kind.ORIGINAL, text=_required(text, _("a text")),
                           drafted_by=actor)
    return release


@action("release.edit_draft")
def edit_draft(actor, release: Release, *, text: str, reason: str = "", title: str | None = None,
               issuer: str | None = None) -> Version:
    """Change the version that awaits sign-off (the title and issuer too, before the first publication)."""
    require_drafter(actor)
    version = pending(release)
    if version is None:
        raise WorkflowError(_("Nothing awaits sign-off: a published release changes only by a correction"))
    if version.kind == Kind.ORIGINAL:
        release.title = _required(title if title is not None else release.title, _("a public title"))
        release.issuer = _required(issuer if issuer is not None else release.issuer, _("an issuer"))
        release.save(update_fields=["title", "issuer"])
    else:
        version.reason = _required(reason, _("a reason"))
    if version.kind != Kind.WITHDRAWAL:
        version.text = _required(text, _("a text"))
    version.save(update_fields=["text", "reason"])
    return version


@action("release.sign")
def sign(actor, release: Release, *, now: datetime | None = None) -> Release:
    """签发: publish the pending version in the office's name."""
    if not can_sign(actor):
        raise WorkflowError(_("Only chief editors, leaders and administrators sign releases for the office"))
    version = pending(release)
    if version is None:
        raise WorkflowError(_("Nothing awaits sign-off"))
    now = now or timezone.now()
    version.signed_by, version.signed_at = actor, now
    version.save(update_fields=["signed_by", "signed_at"])
    release.state = Release.State.WITHDRAWN if version.kind == Kind.WITHDRAWAL else Release.State.PUBLISHED
    release.published_at, release.updated_at = release.published_at or now, now
    release.save(update_fields=["state", "published_at", "updated_at"])
    return release


def _require_changeable(release: Release) -> int:
    if release.state != Release.State.PUBLISHED:
        raise WorkflowError(_("Only a published release can be corrected or withdrawn"))
    if pending(release) is not None:
        raise WorkflowError(_("A change already awaits sign-off: edit it or discard it first"))
    return release.versions.count() + 1


@action("release.correct")
def propose_correction(actor, release: Release, *, text: str, reason: str) -> Version:
    """A corrected text with its public reason; public once signed."""
    require_drafter(actor)
    number = _require_changeable(release)
    text, reason = _required(text, _("a text")), _required(reason, _("a reason"))
    if text == current(release).text:
        raise InputError(_("The corrected text is the same as the published one"))
    return Version.objects.create(release=release, number=number, kind=Kind.CORRECTION, text=text, reason=reason,
                                  drafted_by=actor)


@action("release.withdraw")
def propose_withdrawal(actor, release: Release, *, reason: str) -> Version:
    """Withdraw the release with a public note; it stays listed, marked withdrawn, once signed."""
    require_drafter(actor)
    number = _require_changeable(release)
    return Version.objects.create(release=release, number=number, kind=Kind.WITHDRAWAL,
                                  reason=_required(reason, _("a reason")), drafted_by=actor)


@action("release.discard")
def discard(actor, release: Release) -> Release | None:
    """Drop the version awaiting sign-off; a release never published goes with it."""
    if not (can_draft(actor) or can_sign(actor)):
        raise WorkflowError(_("Only the office's release roles may discard a draft"))
    version = pending(release)
    if version is None:
        raise WorkflowError(_("Nothing awaits sign-off"))
    version.delete()
    if not release.versions.exists():
        release.delete()
        return None
    return release
