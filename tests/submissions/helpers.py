from __future__ import annotations

from datetime import datetime, timezone

from yuqing.submissions import editing, workflow
from yuqing.submissions.models import Submission

EVENT = datetime(2026, 11, 10, 2, 0, tzinfo=timezone.utc)  # 10:00 in Asia/Shanghai


def new_item(office, *, category: str = "routine", unit=None, author=None, title: str = "示例信息", body: str = "正文第一段。",
             **extra) -> Submission:
    unit = unit or office.county_a
    author = author or office.officer_a
    if category == "sudden":
        extra.setdefault("event_at", EVENT)
    return editing.create_submission(author, unit=unit, category=category, title=title, body=body, **extra)


def in_review(office, **kwargs) -> Submission:
    item = new_item(office, **kwargs)
    workflow.submit(kwargs.get("author") or office.officer_a, item)
    return workflow.take(office.editor, item)
