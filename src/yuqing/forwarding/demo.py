"""Forwarding in the demo (fictional, 演示): the usual higher bodies, and a batch sent to the provincial
department with two adopted items, one of them adopted there (with its evidence)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

BODIES = [("省委宣传部信息处（演示）", "provincial"), ("市委办公室信息科（演示）", "city"), ("中央网信办信息局（演示）", "central")]


def seed() -> str:
    from yuqing.forwarding import actions, outcomes
    from yuqing.forwarding.models import Batch, HigherBody
    from yuqing.submissions.models import Submission

    if Batch.objects.exists():
        return "forwarding: already present"
    editor = get_user_model().objects.filter(username="editor1").first()
    items = list(Submission.objects.filter(state="adopted", unit__code__startswith="DEMO-", category__in=["experience", "macro"])
                 .exclude(adoptions__level__in=["provincial", "central"]).order_by("adopted_at")[:2])
    if editor is None or len(items) < 2:
        return "forwarding: no demo editor or adopted items, skipped"
    for position, (name, level) in enumerate(BODIES):
        HigherBody.objects.get_or_create(name=name, defaults={"level": level, "position": position})
    batch = actions.create_batch(editor, body=HigherBody.objects.get(name=BODIES[0][0]), sender="示例市委宣传部（演示）",
                                 contact="编辑一（演示）", phone="0000-00000000")
    entries = [actions.add_entry(editor, batch, submission=item) for item in items]
    actions.edit_entry(editor, entries[0], title=entries[0].title, source_label=entries[0].source_label,
                       body=entries[0].body + "<p>（报送时补充：该做法已在全市推广。演示）</p>")
    actions.send(editor, batch, sent_on=timezone.localdate() - timedelta(days=5))
    outcomes.record_outcome(editor, entries[0], adopted=True, level="provincial", on=timezone.localdate() - timedelta(days=2),
                            evidence="省委宣传部《宣传信息》第21期（演示）")
    return f"forwarding: {len(BODIES)} higher bodies, batch {batch.label} sent with {len(entries)} items, one adopted upward"
