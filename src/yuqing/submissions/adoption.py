"""Adoption at the levels unit / city bulletin / provincial / central, and the points it earns."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlparse

from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.accounts.roles import has_role
from yuqing.actions import action
from yuqing.errors import InputError, WorkflowError
from yuqing.submissions import scoring
from yuqing.submissions.models import Adoption, Level, ReviewNote, State, Submission
from yuqing.units.access import is_reviewer, member_unit_ids

HIGHER = (Level.PROVINCIAL, Level.CENTRAL)


def finish_adoption(item: Submission, actor, *, level: str, note: str, now: datetime, signer=None) -> Submission:
    item.state, item.adopted_at, item.decided_at, item.updated_at = State.ADOPTED, now, now, now
    item.holder, item.held_at, item.proposed_level = None, None, ""
    item.save()
    adoption = Adoption.objects.create(submission=item, level=level, note=note, adopted_by=actor,
                                       signed_off_by=signer, adopted_at=now)
    ReviewNote.objects.create(submission=item, kind=State.ADOPTED, text=note, version=item.version,
                              by=signer or actor, at=now)
    scoring.award_adoption(adoption)
    scoring.award_need_answer(item, now)
    return item


@action("submission.record_adoption")
def record_adoption(actor, item: Submission, *, level: str, evidence: str = "", link: str = "", note: str = "",
                    now: datetime | None = None) -> Adoption:
    """A further adoption of an adopted item, e.g. by the provincial or central office."""
    if item.state != State.ADOPTED:
        raise WorkflowError(_("Only an adopted item can be recorded as adopted at another level"))
    if level not in Level.values:
        raise InputError(_("Unknown level %(level)s") % {"level": level})
    unit_head_here = has_role(actor, "unit_head") and item.unit_id in member_unit_ids(actor) and level == Level.UNIT
    if not (is_reviewer(actor) or unit_head_here):
        raise WorkflowError(_("Only editors record adoptions (a unit head may record the unit level for own units)"))
    if level in HIGHER and not (evidence.strip() or link.strip()):
        raise InputError(_("A provincial or central adoption needs evidence: the issue number or a link"))
    if link and urlparse(link).scheme not in {"http", "https"}:
        raise InputError(_("The link must be an http(s) address"))
    if item.adoptions.filter(level=level).exists():
        raise WorkflowError(_("This item is already recorded as adopted at that level"))
    adoption = Adoption.objects.create(submission=item, level=level, evidence=evidence.strip(), link=link.strip(),
                                       note=note, adopted_by=actor, adopted_at=now or timezone.now())
    scoring.award_adoption(adoption)
    return adoption
