"""Links from an item to other things in the system.

The link point for apps built later: `register_link_kind("incident", resolve)` in the incidents
app's AppConfig.ready(), where resolve(actor, target_id) returns the incident's title, or None when
there is no such incident *or the actor may not see it*: both are refused with the same message,
so a link never tells whether something the user may not see exists, nor its title. Until an app
registers a kind, links of that kind are refused with a message.
"""

from __future__ import annotations

from typing import Callable

from django.utils.translation import gettext as _

from yuqing.actions import action
from yuqing.errors import InputError
from yuqing.submissions.models import Submission, SubmissionLink
from yuqing.submissions.workflow import require_member

Resolver = Callable[[object, str], "str | None"]
_resolvers: dict[str, Resolver] = {}


def register_link_kind(kind: str, resolve: Resolver) -> None:
    if kind not in SubmissionLink.Kind.values:
        raise ValueError(f"unknown link kind {kind!r}; add it to SubmissionLink.Kind first")
    _resolvers[kind] = resolve


def _document(actor, target: str) -> str | None:
    from yuqing.documents.models import Document

    doc = Document.objects.filter(pk=int(target)).first() if target.isdigit() else None
    return doc.display_title if doc else None


def _event(actor, target: str) -> str | None:
    from yuqing.documents.models import Document

    doc = Document.objects.filter(event_id=target).order_by("published_at").first()
    return doc.display_title if doc else None


def resolvers() -> dict[str, Resolver]:
    return {"document": _document, "event": _event, **_resolvers}


@action("submission.link")
def add_link(actor, item: Submission, *, kind: str, ref: str) -> SubmissionLink:
    """Link `item` to the `kind` numbered or named `ref` (a keyword other than `target`, which the audit uses)."""
    require_member(actor, item)
    resolve = resolvers().get(kind)
    if resolve is None:
        raise InputError(_("Links to %(kind)s are not available in this installation yet") % {"kind": kind})
    target = ref.strip()
    label = resolve(actor, target)
    if label is None:  # not there, or not for this user: the same answer
        raise InputError(_("There is no %(kind)s %(target)s that you may see") % {"kind": kind, "target": target})
    link, _created = SubmissionLink.objects.get_or_create(submission=item, kind=kind, target=target,
                                                          defaults={"label": label[:300]})
    return link


@action("submission.unlink")
def remove_link(actor, link: SubmissionLink) -> None:
    require_member(actor, link.submission)
    link.delete()
