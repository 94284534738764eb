from __future__ import annotations

from tests.submissions.helpers import in_review
from yuqing.bulletins import actions
from yuqing.bulletins.models import Periodical
from yuqing.submissions import workflow


def periodical() -> Periodical:
    return Periodical.objects.create(name="示例宣传信息", issuing_unit="中共示例市委宣传部",
                                     distribution="报：市委常委\n送：市人大、市政府、市政协\n发：各县（区）委宣传部")


def adopted_item(office, title: str, body: str = "第一段。\n第二段。", **kwargs):
    item = in_review(office, title=title, body=body, **kwargs)
    return workflow.adopt(office.editor, item)


def published_issue(office, titles=("甲县推进网络文明建设", "乙区开展政策宣讲")):
    issue = actions.create_issue(office.editor, periodical=periodical(), year=2026, editor_note="本期刊发两条经验做法。")
    units = [(office.county_a, office.officer_a), (office.county_b, office.officer_b)]
    for number, title in enumerate(titles):
        unit, author = units[number % 2]
        actions.add_entry(office.editor, issue, submission=adopted_item(office, title, unit=unit, author=author))
    return actions.sign_off(office.chief, issue)
