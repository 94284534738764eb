"""From documents to a draft briefing: they join its "selected posts" section."""

from __future__ import annotations

from django.utils.translation import gettext as _

from yuqing.briefings import workflow
from yuqing.errors import InputError


def choices(user) -> list[tuple[str, str]]:
    return [(str(b.pk), b.title) for b in workflow.drafts(user)[:30]]


def add(actor, documents: list, target: str) -> tuple[str, str]:
    briefing = workflow.drafts(actor).filter(pk=int(target) if target.isdigit() else 0).first()
    if briefing is None:
        raise InputError(_("Choose a draft briefing"))
    workflow.pick(actor, briefing, document_ids=[doc.pk for doc in documents])
    return _("%(n)d added to the draft “%(title)s”.") % {"n": len(documents), "title": briefing.title}, ""
