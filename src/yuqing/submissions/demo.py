"""A month of fictional reporting (虚构/演示): items in every state, sudden-incident reports on time,
late and missed, adoptions at several levels, a leader's instruction with tasks, quotas."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from yuqing.submissions import adoption, deadlines, demo_texts, editing, instructions, workflow
from yuqing.submissions.models import ReportingPolicy, Submission

# The fate of each demo item, in the order of demo_texts.ITEMS.
PLAN = ["adopted", "adopted", "adopted", "adopted", "pending_signoff", "in_review", "submitted", "returned",
        "rejected", "draft", "adopted", "submitted"]


def seed() -> str:
    from yuqing.units.models import Unit

    units = {u.code: u for u in Unit.objects.filter(code__startswith="DEMO-")}
    if not units:
        return "submissions: no demo units (the units demo runs first), skipped"
    if Submission.objects.filter(unit__in=units.values()).exists():
        return "submissions: already present"
    people = {u.username: u for u in get_user_model().objects.filter(username__in=[
        "officer1", "officer2", "officer3", "unithead1", "editor1", "chief1", "leader1"])}
    ReportingPolicy.objects.get_or_create(pk=1, defaults={"two_level_signoff": True})
    now = timezone.now()
    items = [_item(spec, fate, units, people, now - timedelta(days=27 - 2 * n)) for n, (spec, fate) in
             enumerate(zip(demo_texts.ITEMS, PLAN))]
    _higher_levels_and_instruction(items, people, units)
    _fire(units, people, now - timedelta(days=6))
    _collapse(units, people, now)
    _missed(units, people, now)
    deadlines.run_checks(now)  # marks the missed report and sends the due reminders
    _quotas(units, people, now)
    _need(units, people, now)
    return f"submissions: {Submission.objects.count()} fictional items in every state, deadlines, adoptions, instructions"


def _backdate(item: Submission, when: datetime) -> None:
    # Demo only: make the month look lived-in (actions stamp creation with the real clock).
    Submission.objects.filter(pk=item.pk).update(created_at=when, updated_at=when)
    item.versions.update(saved_at=when)


def _item(spec, fate: str, units: dict, people: dict, when: datetime) -> Submission:
    code, author, category, title, paragraphs = spec
    officer = people[author]
    item = editing.create_submission(officer, unit=units[code], category=category, title=title, body="\n".join(paragraphs))
    _backdate(item, when)
    if fate == "draft":
        return item
    workflow.submit(officer, item, now=when + timedelta(hours=1))
    if fate == "submitted":
        return item
    editor, chief = people["editor1"], people["chief1"]
    workflow.take(editor, item, now=when + timedelta(hours=3))
    if fate == "returned":
        return workflow.return_item(editor, item, reason="请补充活动的具体时间、参与人数和群众反响（演示）", now=when + timedelta(hours=4))
    if fate == "rejected":
        return workflow.reject(editor, item, reason="与本月已报送信息重复（演示）", now=when + timedelta(hours=4))
    if fate == "in_review":
        return item
    workflow.adopt(editor, item, level="city", now=when + timedelta(hours=4))
    if fate == "adopted":
        workflow.sign_off(chief, item, now=when + timedelta(hours=6))
    return item


def _higher_levels_and_instruction(items: list[Submission], people: dict, units: dict) -> None:
    editor, leader = people["editor1"], people["leader1"]
    adoption.record_adoption(editor, items[1], level="provincial", evidence="省委宣传部《宣传信息》2026年第18期（演示）")
    adoption.record_adoption(editor, items[0], level="unit", evidence="东城区《东城宣传》第9期（演示）")
    instruction = instructions.give_instruction(leader, items[1], text="“院坝会”做法很好，请西山县总结经验，市委宣传部研究在全市推广。（演示）")
    instructions.create_task(leader, instruction, unit=units["DEMO-XS"], description="形成“院坝会”经验材料报市委宣传部（演示）",
                             due_on=timezone.localdate() + timedelta(days=7))
    done = instructions.create_task(leader, instruction, unit=units["DEMO-CITY"], description="研究在全市推广的方案（演示）")
    instructions.complete_task(editor, done, result="已拟定推广方案，提交部务会研究（演示）")


def _fire(units: dict, people: dict, event_at: datetime) -> None:
    code, author, _title, place, reports = demo_texts.FIRE
    officer, editor, chief = people[author], people["editor1"], people["chief1"]
    root = None
    for stage, title, paragraphs, after in reports:
        kwargs = {"thread": root, "stage": stage} if root else {"event_at": event_at, "event_place": place}
        item = editing.create_submission(officer, unit=units[code], category="sudden", title=title,
                                         body="\n".join(paragraphs), **kwargs)
        sent = event_at + timedelta(minutes=after)
        if stage == "final":
            editing.close_event(officer, root, closed_at=event_at + timedelta(hours=4))
        workflow.submit(officer, item, now=sent)
        workflow.take(editor, item, now=sent + timedelta(minutes=5))
        workflow.adopt(editor, item, now=sent + timedelta(minutes=10))
        workflow.sign_off(chief, item, now=sent + timedelta(minutes=20))
        root = root or item


def _collapse(units: dict, people: dict, now: datetime) -> None:
    """A sudden incident twenty minutes old: its first report's clock is running in the demo."""
    code, author, title, place, paragraphs = demo_texts.COLLAPSE
    editing.create_submission(people[author], unit=units[code], category="sudden", title=title, body="\n".join(paragraphs),
                              event_at=now - timedelta(minutes=20), event_place=place)


def _missed(units: dict, people: dict, now: datetime) -> None:
    """The office asked a unit for a report three days ago; it never came."""
    editing.request_report(people["editor1"], unit=units["DEMO-NH"], title="南湖区某小区停水情况（演示，未按时报送）",
                           event_at=now - timedelta(days=3))


def _need(units: dict, people: dict, now: datetime) -> None:
    """An information need to the three districts: one answered (and adopted), one declined, one still open."""
    from yuqing.submissions import needs
    from yuqing.units.models import Unit

    editor, chief, officer = people["editor1"], people["chief1"], people["officer1"]
    need = needs.publish_need(
        editor, title="基层网络文明建设典型经验（演示约稿）", source="省委宣传部信息处（演示）", categories=["experience"],
        wanted="省委宣传部拟编发网络文明建设专题，请各区县报送一条本地典型做法，写清做法、成效和数据，800字以内。（演示）",
        due_at=now + timedelta(days=4), scope="指定单位",
        units=Unit.objects.filter(code__in=["DEMO-DC", "DEMO-XS", "DEMO-NH"]))
    item = editing.create_submission(officer, unit=units["DEMO-DC"], category="experience", need=need,
                                     title="东城区“网络文明进社区”覆盖全部街道（演示）",
                                     body="东城区组织网络文明志愿者进社区宣讲。（演示）\n今年以来累计开展活动46场，覆盖居民1.2万人。（演示）")
    workflow.submit(officer, item, now=now - timedelta(hours=5))
    workflow.take(editor, item, now=now - timedelta(hours=4))
    workflow.adopt(editor, item, now=now - timedelta(hours=4))
    workflow.sign_off(chief, item, now=now - timedelta(hours=3))
    needs.decline(people["officer3"], need, unit=units["DEMO-NH"], reason="南湖区近期未开展相关专项工作（演示）")


def _quotas(units: dict, people: dict, now: datetime) -> None:
    from yuqing.submissions.quotas import set_quota

    today = timezone.localdate(now)
    for code in ("DEMO-DC", "DEMO-XS", "DEMO-NH"):
        set_quota(people["editor1"], year=today.year, month=today.month, unit=units[code], submit_target=4, adopt_target=2)
    set_quota(people["editor1"], year=today.year, month=today.month, unit=units["DEMO-XS"], person=people["officer2"],
              submit_target=3, adopt_target=1)
