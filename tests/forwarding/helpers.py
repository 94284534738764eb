"""Two adopted items of two counties, and the provincial department to forward them to."""

from __future__ import annotations

from datetime import date

from tests.bulletins.helpers import adopted_item
from yuqing.forwarding import actions
from yuqing.forwarding.models import HigherBody

SENT_ON = date(2026, 11, 27)


def province() -> HigherBody:
    return HigherBody.objects.get_or_create(name="省委宣传部信息处", defaults={"level": "provincial"})[0]


def items(office):
    first = adopted_item(office, "甲县推进网络文明建设", body="甲县开展网络文明进万家活动。\n累计宣讲120场。", category="experience")
    second = adopted_item(office, "乙区开展政策宣讲", body="乙区组织政策宣讲团。", category="macro", unit=office.county_b,
                          author=office.officer_b)
    return first, second


def draft_batch(office, *entries):
    batch = actions.create_batch(office.editor, body=province(), sender="示例市委宣传部", contact="张编辑",
                                 phone="0000-1234567", year=2026)
    for item in entries or items(office):
        actions.add_entry(office.editor, batch, submission=item)
    return batch


def sent_batch(office, *entries):
    return actions.send(office.editor, draft_batch(office, *entries), sent_on=SENT_ON)
