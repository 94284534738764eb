from __future__ import annotations

from django.utils import timezone

from yuqing.submissions.models import Submission, SubmissionVersion


def snapshot(item: Submission, actor) -> SubmissionVersion:
    """Keep the item's current text as version `item.version`."""
    return SubmissionVersion.objects.create(
        submission=item, number=item.version, title=item.title, body=item.body, category=item.category,
        event_at=item.event_at, event_place=item.event_place, saved_by=actor if getattr(actor, "pk", None) else None,
        saved_at=timezone.now())
