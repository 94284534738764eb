"""Migrating briefings generated twice for one period: the newest stays, the older become its versions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.migrating import migrate  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)
T0 = datetime(2026, 11, 2, 16, 0, tzinfo=timezone.utc)


def test_briefings_of_one_period_fold_into_one_with_a_history(migrate):  # noqa: F811
    old = migrate([("briefings", "0002_default_schedule")])
    Briefing = old.get_model("briefings", "Briefing")
    made = [Briefing.objects.create(kind="daily", title=f"日报 {n}", period_start=T0, period_end=T0 + timedelta(days=1),
                                    place_code="", content={"n": n}, created_at=T0 + timedelta(hours=n)) for n in (1, 2, 3)]
    other = Briefing.objects.create(kind="daily", title="次日", period_start=T0 + timedelta(days=1),
                                    period_end=T0 + timedelta(days=2), place_code="", content={}, created_at=T0)
    new = migrate([("briefings", "0003_editing")])
    kept = new.get_model("briefings", "Briefing").objects.order_by("period_start")
    assert [b.pk for b in kept] == [made[-1].pk, other.pk] and kept[0].version == 3 and kept[0].state == "draft"
    versions = new.get_model("briefings", "BriefingVersion").objects.filter(briefing_id=made[-1].pk).order_by("number")
    assert [(v.number, v.content) for v in versions] == [(1, {"n": 1}), (2, {"n": 2})]
