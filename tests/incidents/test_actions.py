"""The incident workflow: open (by hand, from an event, from an alert), handle, close with a summary."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.documents.factories import item
from yuqing.accounts.models import AuditEntry
from yuqing.documents.models import Document, Event
from yuqing.documents.store import store_batch
from yuqing.errors import InputError, WorkflowError
from yuqing.incidents import actions, evidence
from yuqing.incidents.models import Entry, Incident, Member

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 1, tzinfo=timezone.utc)


@pytest.fixture
def fire():
    """Five posts of one event over three hours, one with many reposts; one unrelated post."""
    texts = ["永城化工厂起火", "永城化工厂浓烟很大", "消防车赶往永城", "永城市应急管理局：火情已控制", "火情已控制，无人员伤亡"]
    items = [item(i, text, minutes=i * 40, author="示例市发布" if i == 3 else f"网友{i}", engagement={"reposts": 10 * i})
             for i, text in enumerate(texts)] + [item(9, "今天天气不错", minutes=30)]
    store_batch(items, None, None)
    Document.objects.exclude(text__contains="天气").update(event_id="ev-fire")
    return Event.objects.create(key="ev-fire", title="永城化工厂起火", first_seen=T0, last_seen=T0 + timedelta(hours=3), size=5)


def test_open_from_an_event_links_it_and_makes_the_opener_lead(people, fire):
    incident = actions.open_from_event(people["duty"], fire)
    assert incident.origin == Incident.Origin.EVENT and incident.title == "永城化工厂起火"
    assert evidence.documents(incident).count() == 5
    assert list(incident.members.values_list("user__username", "role")) == [("duty", Member.Role.LEAD)]
    assert AuditEntry.objects.filter(action="incident.open", target_id=str(incident.pk)).exists()


def test_only_handlers_open_and_handle(people, fire):
    with pytest.raises(WorkflowError):
        actions.open_from_event(people["outsider"], fire)
    incident = actions.open_from_event(people["duty"], fire)
    with pytest.raises(WorkflowError):
        actions.add_task(people["outsider"], incident, title="x")
    actions.add_member(people["duty"], incident, user_id=people["outsider"].pk, role=Member.Role.LIAISON)
    task = actions.add_task(people["outsider"], incident, title="联系平台", owner_id=people["outsider"].pk)
    assert task.owner == people["outsider"]  # a member of the lead group may handle it


def test_documents_added_and_taken_out_by_hand(people, fire):
    incident = actions.open_from_event(people["duty"], fire)
    other = Document.objects.get(text__contains="天气")
    actions.set_document(people["duty"], incident, document_id=other.pk, included=True)
    first = Document.objects.get(text="永城化工厂起火")
    actions.set_document(people["duty"], incident, document_id=first.pk, included=False)
    ids = set(evidence.documents(incident).values_list("pk", flat=True))
    assert other.pk in ids and first.pk not in ids and len(ids) == 5
    with pytest.raises(InputError):
        actions.set_document(people["duty"], incident, document_id=10**9, included=True)
    actions.unlink_event(people["duty"], incident, event_key="ev-fire")
    assert set(evidence.documents(incident).values_list("pk", flat=True)) == {other.pk}


def test_statements_are_attributed_and_need_an_issuer(people, fire):
    incident = actions.open_from_event(people["duty"], fire)
    with pytest.raises(InputError):
        actions.add_statement(people["duty"], incident, text="情况通报", channel="官方微博", issuer=" ")
    statement = actions.add_statement(people["duty"], incident, text="情况通报", channel="官方微博", issuer="市新闻办")
    assert statement.recorded_by == people["duty"] and statement.issuer == "市新闻办"


def test_close_writes_the_summary_and_freezes_the_incident(people, fire):
    incident = actions.open_from_event(people["duty"], fire, now=T0 + timedelta(minutes=30))
    actions.start_response(people["duty"], incident, now=T0 + timedelta(hours=1))
    task = actions.add_task(people["duty"], incident, title="核实")
    actions.complete_task(people["duty"], task)
    actions.add_task(people["duty"], incident, title="回访")
    actions.add_entry(people["duty"], incident, kind=Entry.Kind.ACTION, text="联系应急管理局")
    actions.add_statement(people["duty"], incident, text="通报", channel="官方微博", issuer="市新闻办")
    closed = actions.close(people["duty"], incident, lessons="早发通报", now=T0 + timedelta(hours=10, minutes=30))

    s = closed.summary
    assert closed.state == Incident.State.CLOSED and s["duration_hours"] == 10.0
    assert s["span_hours"] == 10.5  # from the first post at T0
    assert s["reach"]["documents"] == 5 and s["reach"]["reposts"] == 100 and s["reach"]["sites"] == 1
    assert s["peak"]["count"] == 2  # T0 and T0+40min fall in the first hour
    assert set(s["peak"]["ids"]) == set(Document.objects.filter(text__in=["永城化工厂起火", "永城化工厂浓烟很大"]).values_list("pk", flat=True))
    assert [a["text"] for a in s["actions"]] == ["联系应急管理局"] and s["statements"][0]["issuer"] == "市新闻办"
    assert s["tasks"] == {"total": 2, "done": 1} and s["lessons"] == "早发通报"
    with pytest.raises(WorkflowError):
        actions.add_entry(people["duty"], closed, kind=Entry.Kind.ACTION, text="too late")


def test_taking_an_alert_up_opens_its_incident_once(people, fire):
    from yuqing.monitoring.handling import take
    from yuqing.monitoring.models import Alert, AlertRule, Scheme

    scheme = Scheme.objects.create(name="永城", expression="永城")
    rule = AlertRule.objects.create(scheme=scheme, kind=AlertRule.Kind.EVENT_PLACE, severity="high")
    alert = Alert.objects.create(scheme=scheme, group_key="event:ev-fire", severity="high",
                                 title="永城出现新事件", document_count=2)
    alert.reasons.create(rule=rule, kind=rule.kind, severity="high")
    alert.documents.set(Document.objects.filter(event_id="ev-fire")[:2])
    taken = take(people["duty"], alert, now=T0 + timedelta(hours=1))
    incident = Incident.objects.get(alert_id=alert.pk)
    assert taken.incident_url == f"/incidents/{incident.pk}/"
    assert incident.origin == Incident.Origin.ALERT and incident.severity == "high"
    assert incident.opened_at == T0 + timedelta(hours=1)
    assert evidence.documents(incident).count() == 5  # the alert's event, not only its two posts
    assert actions.take_handler(alert, people["duty"]) == taken.incident_url  # once per alert
    assert Incident.objects.count() == 1


def test_opening_can_request_the_sudden_incident_report_with_its_clock_running(people, fire):
    from yuqing.submissions.models import Category, SubmissionLink
    from yuqing.units.models import Unit

    unit = Unit.objects.create(code="yc", name="永城市委网信办", kind=Unit.Kind.COUNTY)
    with pytest.raises(WorkflowError):  # a leader may open incidents, but the reporting workflow asks editors or duty officers
        actions.open_incident(people["leader"], title="永城化工厂火情", event_keys=["ev-fire"], report_unit_id=unit.pk)
    assert not Incident.objects.exists()  # one transaction: nothing half-done
    incident = actions.open_incident(people["duty"], title="永城化工厂火情", event_keys=["ev-fire"], report_unit_id=unit.pk)
    from yuqing.submissions.models import Submission

    item = Submission.objects.get(pk=incident.submission_id)
    assert item.category == Category.SUDDEN and item.unit == unit and item.event_at == T0
    assert item.deadlines.count() == 2 and all(d.due_at > T0 for d in item.deadlines.all())
    assert SubmissionLink.objects.filter(submission=item, kind="incident", target=str(incident.pk)).exists()
    with pytest.raises(WorkflowError):
        actions.request_report(people["duty"], incident, unit_id=unit.pk)


def test_the_incident_page_renames_and_regrades(client, people, fire):
    incident = actions.open_from_event(people["duty"], fire)
    client.force_login(people["duty"])
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert 'id="edit-form"' in page
    client.post(f"/incidents/{incident.pk}/edit/", {"title": "永城化工厂火灾（升级）", "severity": "critical", "description": "扩散"})
    incident.refresh_from_db()
    assert (incident.title, incident.severity, incident.description) == ("永城化工厂火灾（升级）", "critical", "扩散")
    assert AuditEntry.objects.filter(action="incident.update", target_id=str(incident.pk)).exists()
    client.force_login(people["outsider"])
    client.post(f"/incidents/{incident.pk}/edit/", {"title": "x", "severity": "low"})
    incident.refresh_from_db()
    assert incident.title == "永城化工厂火灾（升级）"  # an outsider cannot change it
