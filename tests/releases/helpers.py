"""An incident with internal details that must never reach the public, and a statement of the office."""

from __future__ import annotations

from datetime import datetime, timezone

from tests.units.factories import make_user
from yuqing.incidents import actions as incidents
from yuqing.releases import actions

AT = datetime(2026, 11, 26, 2, 30, tzinfo=timezone.utc)  # 10:30 in Asia/Shanghai
INTERNAL = ["内部标题-勿外传", "内部描述-涉及举报人", "内部处置记录-联系记者", "duty_secret"]
TEXT = "今日凌晨，某街道一仓库发生火情。消防部门迅速到场处置，火情已得到控制，未造成人员伤亡。\n事故原因正在调查中。"


def incident_with_statement(office):
    duty = make_user("duty_secret", "duty_officer")
    incident = incidents.open_incident(duty, title="内部标题-勿外传", description="内部描述-涉及举报人")
    incidents.add_entry(duty, incident, kind="action", text="内部处置记录-联系记者")
    statement = incidents.add_statement(duty, incident, text=TEXT, channel="官方微博", issuer="示例市人民政府新闻办公室",
                                        published_at=AT)
    return incident, statement


def published(office, *, title="某街道仓库火情通报"):
    _incident, statement = incident_with_statement(office)
    release = actions.draft_release(office.editor, title=title, issuer=statement.issuer, text=statement.text,
                                    statement=statement)
    return actions.sign(office.chief, release, now=AT)
