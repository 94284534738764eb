"""Items of three units in every state, with everything that hangs off them, for the access test."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.submissions.helpers import EVENT
from yuqing.bulletins import actions as bulletin
from yuqing.bulletins.models import Issue, Periodical
from yuqing.submissions import attachments, editing, instructions, needs, workflow
from yuqing.submissions.models import InformationNeed, ReportingPolicy, State, Submission
from yuqing.units import actions as units
from yuqing.units.models import Unit

OFFICER_NAMES = {"A": "信息员甲", "B": "信息员乙", "A1": "信息员丙"}
STATES = [State.DRAFT, State.SUBMITTED, State.IN_REVIEW, State.RETURNED, State.REJECTED, State.PENDING_SIGNOFF,
          State.ADOPTED]


@dataclass
class Scenario:
    items: list[Submission] = field(default_factory=list)
    officers: dict[str, object] = field(default_factory=dict)  # officer name -> Officer
    issues: list[Issue] = field(default_factory=list)
    tasked_item: Submission | None = None  # county A's item with a follow-up task for county B
    needs: list[InformationNeed] = field(default_factory=list)


def marker(unit_code: str, state: str, n: int = 1) -> str:
    return f"标记-{unit_code}-{state}-{n}"


def _bring(office, item: Submission, author, state: str) -> Submission:
    if state == State.DRAFT:
        return item
    workflow.submit(author, item)
    if state == State.SUBMITTED:
        return item
    workflow.take(office.editor, item)
    if state == State.RETURNED:
        return workflow.return_item(office.editor, item, reason=f"退回理由 {item.title}")
    if state == State.REJECTED:
        return workflow.reject(office.editor, item, reason=f"退稿理由 {item.title}")
    if state == State.PENDING_SIGNOFF:
        ReportingPolicy.objects.update_or_create(pk=1, defaults={"two_level_signoff": True})
        item = workflow.adopt(office.editor, item)
        ReportingPolicy.objects.filter(pk=1).update(two_level_signoff=False)
        return item
    if state == State.ADOPTED:
        return workflow.adopt(office.editor, item)
    return item


def build(office, tmp_media) -> Scenario:
    scenario = Scenario()
    for code, unit, author in (("A", office.county_a, office.officer_a), ("B", office.county_b, office.officer_b),
                               ("A1", office.township_a1, office.officer_a1)):
        name = OFFICER_NAMES[code]  # names that are not substrings of each other
        scenario.officers[name] = units.create_officer(office.editor, name=name, unit=unit, user=author)
        for state in STATES:
            title = marker(code, state)
            item = editing.create_submission(author, unit=unit, category="routine", title=title, body=f"正文 {title}",
                                             event_place=f"地点 {title}")
            attachments.add_attachment(author, item, upload=SimpleUploadedFile("a.txt", f"附件 {title}".encode()))
            scenario.items.append(_bring(office, item, author, state))
        for state in (State.DRAFT, State.SUBMITTED):  # sudden incidents: the office sees their drafts too
            title = marker(code, f"sudden-{state}")
            item = editing.create_submission(author, unit=unit, category="sudden", title=title, body=f"正文 {title}",
                                             event_at=EVENT)
            scenario.items.append(_bring(office, item, author, state))
    scenario.items.append(editing.request_report(office.editor, unit=office.county_b, title=marker("B", "requested"),
                                                 event_at=EVENT))
    adopted = [i for i in scenario.items if i.state == State.ADOPTED]
    for item in adopted:
        instruction = instructions.give_instruction(office.leader, item, text=f"批示 {item.title}")
        instructions.create_task(office.leader, instruction, unit=item.unit, description=f"任务 {item.title}")
    scenario.tasked_item = adopted[0]  # county A's adopted item; county B is asked to act on it too
    instructions.create_task(office.leader, adopted[0].instructions.first(), unit=office.county_b,
                             description=f"跨单位任务 {adopted[0].title}")
    periodical = Periodical.objects.create(name="示例宣传信息", issuing_unit="中共示例市委宣传部", distribution="发：各县区")
    issue = bulletin.create_issue(office.editor, periodical=periodical, year=2026)
    for item in adopted:
        bulletin.add_entry(office.editor, issue, submission=item)
    scenario.issues = [bulletin.sign_off(office.chief, issue),
                       bulletin.create_issue(office.editor, periodical=periodical, year=2026)]
    training = units.create_training(office.editor, held_on=date(2026, 11, 3), topic="培训",
                                     invited=list(scenario.officers.values()))
    units.record_attendance(office.editor, training, officer=scenario.officers["信息员甲"], status="present")
    scenario.needs = _needs(office)
    return scenario


def _needs(office) -> list[InformationNeed]:
    """A need for each county alone, with a file, and one asked of all three units: A answers, B and A1 decline."""
    result = []
    for code, unit in (("A", office.county_a), ("B", office.county_b)):
        notice = SimpleUploadedFile("notice.txt", f"需求附件-{code}".encode())
        result.append(needs.publish_need(office.editor, title=f"需求标记-{code}", wanted=f"需求说明-{code}", due_at=EVENT,
                                         units=Unit.objects.filter(pk=unit.pk), files=[notice]))
    shared = needs.publish_need(office.editor, title="需求标记-共同", wanted="共同需求", due_at=EVENT,
                                units=Unit.objects.filter(code__in=["A", "B", "A1"]))
    answer = editing.create_submission(office.officer_a, unit=office.county_a, category="routine", need=shared,
                                       title=marker("A", "need-answer"), body="答复")
    workflow.submit(office.officer_a, answer)
    for code, unit, author in (("B", office.county_b, office.officer_b), ("A1", office.township_a1, office.officer_a1)):
        needs.decline(author, shared, unit=unit, reason=f"无可报标记-{code}")
    return result + [shared]
