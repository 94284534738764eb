"""Information needs for the tests: one asked of both counties, due on a fixed moment."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from yuqing.submissions import needs
from yuqing.units.models import Unit

DUE = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)  # 17:00 in Asia/Shanghai


def publish(office, *, units=None, categories=("experience",), due=DUE, title="基层网络文明建设经验", **extra):
    chosen = Unit.objects.filter(pk__in=[u.pk for u in (units if units is not None else [office.county_a, office.county_b])])
    return needs.publish_need(office.editor, title=title, wanted="请报送本地推进网络文明建设的做法和成效。", due_at=due,
                              units=chosen, categories=list(categories), source="省委宣传部信息处", scope="list", **extra)


def hours(n: float) -> datetime:
    return DUE + timedelta(hours=n)
