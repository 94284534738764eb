"""A closed demo incident on the fictional 永城 chemical-plant fire: opened from its alert (or its
event when monitoring has none), a lead group, tasks, the action log, two statements of the
office (invented, marked 示例), and the closing summary. Everything here is fictional."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from yuqing.documents.models import Document, Event

TITLE_MARK = "永城"
ISSUER = "示例市人民政府新闻办公室（虚构）"
STATEMENTS = [
    (2.5, "官方微博 @示例市发布", "（示例）今日凌晨，侯岭街道一化工厂发生火情。接警后，消防、应急管理等部门迅速到场处置，"
          "火情已得到控制，未造成人员伤亡。事故原因正在调查中，后续情况将及时发布。"),
    (8, "官方网站 政务公开栏目", "（示例）经生态环境部门连续监测，事发地周边空气质量各项指标均在正常范围，周边学校正常上课。"),
]
TASKS = [("核实火情、伤亡和周边影响，联系市应急管理局", 1, 2, 1.5), ("起草并发布第一次情况通报", 0, 3, 2.5),
         ("持续监测学校停课、有毒气体相关讨论，每两小时报告一次", 1, 24, 20)]
ACTIONS = [(1.2, "（示例）电话联系市应急管理局、生态环境局核实火情和监测数据"),
           (2.5, "（示例）在官方微博发布第一次情况通报"),
           (5, "（示例）在官方账号评论区回应网民关于学校是否停课的询问")]
LESSONS = ("（示例）第一次通报在火情出现约两个半小时后才发布，其间网民对有毒气体和学校停课的担忧集中出现。"
           "今后应在一小时内先发简短通报，并同步公布环境监测数据。")


def seed() -> str:
    from yuqing.incidents.models import Incident

    admin = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if admin is None:
        return "incidents: no administrator account, skipped"
    if Incident.objects.filter(title__contains=TITLE_MARK, state=Incident.State.CLOSED).exists():
        return "incidents: already present"
    fire = Document.objects.filter(text__contains="化工厂", text__icontains=TITLE_MARK).order_by("published_at", "id")
    first = fire.first()
    if first is None:
        return "incidents: the demo documents are missing, skipped"
    incident = _open(admin, first.published_at, fire)
    _handle(admin, incident, first.published_at)
    return f"incidents: closed demo incident #{incident.pk} ({incident.title})"


def _open(admin, start: datetime, fire):
    from yuqing.incidents import actions

    opened = start + timedelta(minutes=50)
    alert = _fire_alert()
    if alert is not None:
        from yuqing.monitoring.handling import take
        from yuqing.incidents.models import Incident

        if alert.status != alert.Status.TAKEN:
            take(admin, alert, now=max(opened, alert.created_at))
        incident = Incident.objects.filter(alert_id=alert.pk).first()
        if incident is not None:
            for key in _fire_events(fire):
                if not incident.linked_events.filter(event_key=key).exists():
                    actions.link_event(admin, incident, event_key=key)
            return incident
    keys = _fire_events(fire)
    return actions.open_incident(admin, title="永城市一化工厂突发火情", severity="high", origin="event", event_keys=keys,
                                 description="（示例）虚构的演示事件", now=opened)


def _fire_alert():
    from importlib.util import find_spec

    if not find_spec("yuqing.monitoring.models"):
        return None
    from yuqing.monitoring.models import Alert

    return Alert.objects.filter(scheme__name__contains=TITLE_MARK).order_by("created_at", "id").first()


def _fire_events(fire) -> list[str]:
    rows = fire.exclude(event_id="").values("event_id").annotate(n=Count("id")).order_by("-n")
    keys = [row["event_id"] for row in rows if row["n"] >= 3]
    return [key for key in keys if Event.objects.filter(key=key).exists()]


def _handle(admin, incident, start: datetime) -> None:
    from yuqing.incidents import actions
    from yuqing.incidents.models import Member

    at = lambda hours: start + timedelta(hours=hours)  # noqa: E731
    actions.update_incident(admin, incident, title="永城市一化工厂突发火情", severity="high", place_code="411481",
                            description="（示例）虚构的演示事件：侯岭街道一化工厂起火，网民关注有毒气体和学校停课。")
    actions.start_response(admin, incident, now=at(1))
    people = list(get_user_model().objects.filter(username__startswith="demo_").order_by("username"))
    for user, role in zip(people, [Member.Role.SPOKESPERSON, Member.Role.ANALYST, Member.Role.DEPUTY]):
        actions.add_member(admin, incident, user_id=user.pk, role=role)
    for title, owner, due, done in TASKS:
        task = actions.add_task(admin, incident, title=title, owner_id=people[owner].pk if len(people) > owner else None,
                                due_at=at(due))
        actions.complete_task(admin, task, now=at(done))
    actions.add_entry(admin, incident, kind="timeline", text="（示例）市应急管理局电话确认：火情已控制，无人员伤亡", at=at(1.3))
    for hours, text in ACTIONS:
        actions.add_entry(admin, incident, kind="action", text=text, at=at(hours))
    for hours, channel, text in STATEMENTS:
        actions.add_statement(admin, incident, text=text, channel=channel, issuer=ISSUER, published_at=at(hours))
    actions.close(admin, incident, lessons=LESSONS, now=timezone.now() - timedelta(hours=3))
