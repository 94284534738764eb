"""A fictional periodical (虚构/演示) with one published issue and a draft in progress."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from yuqing.bulletins import actions
from yuqing.bulletins.models import Periodical
from yuqing.submissions.models import State, Submission

NAME = "示例宣传信息（演示）"


def seed() -> str:
    if Periodical.objects.filter(name=NAME).exists():
        return "bulletins: already present"
    people = {u.username: u for u in get_user_model().objects.filter(username__in=["editor1", "chief1"])}
    adopted = list(Submission.objects.filter(state=State.ADOPTED, unit__code__startswith="DEMO-", thread=None)
                   .order_by("adopted_at"))
    if len(people) < 2 or len(adopted) < 3:
        return "bulletins: no adopted demo items (the submissions demo runs first), skipped"
    periodical = Periodical.objects.create(
        name=NAME, issuing_unit="中共示例市委宣传部（虚构）",
        distribution="报：市委常委，市人大常委会、市政府、市政协主要领导（虚构）\n送：市委各部委，市直各单位（虚构）\n发：各县（区）委宣传部（虚构）")
    editor, chief = people["editor1"], people["chief1"]
    issue = actions.create_issue(editor, periodical=periodical,
                                 editor_note="本期刊发基层理论宣讲和群众工作的几条做法，供各地学习借鉴。（演示）")
    for item in adopted[:3]:
        actions.add_entry(editor, issue, submission=item)
    actions.sign_off(chief, issue)
    draft = actions.create_issue(editor, periodical=periodical)
    actions.add_entry(editor, draft, submission=adopted[3] if len(adopted) > 3 else adopted[-1])
    return f"bulletins: 《{NAME}》{issue.label} published, the next issue in draft"
