"""Special reports, scopes, periods, the schedule and its delivery, pages and the dashboard's data."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from django.urls import reverse

from tests.briefings.fixtures import DAY_START, store_day
from yuqing.briefings import actions, periods, schedule
from yuqing.briefings.models import Briefing, Schedule
from yuqing.errors import WorkflowError
from yuqing.incidents import actions as incident_actions
from yuqing.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _section(content: dict, key: str) -> dict:
    return next(s for s in content["sections"] if s["key"] == key)


def test_periods_follow_the_calendar():
    assert periods.period("weekly", date(2026, 11, 5)).label == "2026-11-02 – 2026-11-08"
    month = periods.period("monthly", date(2026, 2, 10))
    assert (month.first_day, month.last_day) == (date(2026, 2, 1), date(2026, 2, 28))
    now = datetime(2026, 11, 4, 1, 0, tzinfo=timezone.utc)  # 09:00 on 11-04 in Asia/Shanghai
    assert periods.last_complete("daily", now).first_day == date(2026, 11, 3)
    assert periods.last_complete("weekly", now).first_day == date(2026, 10, 26)


def test_special_report_cites_the_incident_and_attributes_statements(people):
    docs = store_day()
    incident = incident_actions.open_incident(people["duty"], title="永城化工厂火情", event_keys=["ev-fire"],
                                              now=DAY_START + timedelta(hours=2))
    incident_actions.add_statement(people["duty"], incident, text="火情已控制", channel="官方微博", issuer="市新闻办")
    incident_actions.close(people["duty"], incident, lessons="早发通报", now=DAY_START + timedelta(hours=20))
    made = actions.generate_for_incident(people["duty"], incident, base_url="http://testserver")
    content = made.content
    fire = {d.pk for d in docs if d.event_id == "ev-fire"}
    assert {e["id"] for e in content["evidence"]} <= fire
    facts = _section(content, "facts")
    assert any(docs[0].pk in [e["id"] for e in content["evidence"] if e["label"] in p["refs"]] for p in facts["paragraphs"])
    statements = _section(content, "statements")["paragraphs"]
    assert "市新闻办" in statements[0]["text"] and statements[0]["link"].endswith(f"/incidents/{incident.pk}/")
    assert "早发通报" in " ".join(p["text"] for p in _section(content, "summary")["paragraphs"])
    timeline_rows = _section(content, "timeline")["table"]["rows"]
    assert all(row["refs"] or row["link"] for row in timeline_rows)  # data rows cite posts, people's rows the record


def test_place_scope_and_refusal(people):
    store_day()
    made = actions.generate(people["duty"], kind="daily", day=date(2026, 11, 3), place_code="4114")
    assert "商丘市" in made.title and "11" in _section(made.content, "overview")["paragraphs"][0]["text"]
    assert made.content["scope"]["query"] == "place:4114"
    with pytest.raises(WorkflowError):
        actions.generate(people["outsider"], kind="daily", day=date(2026, 11, 3))


def test_schedule_generates_each_period_once_after_its_time_and_tells_the_roles(people):
    store_day()
    plan = Schedule.objects.get()  # the default one, from the migration
    assert (plan.kind, plan.hour, plan.enabled) == ("daily", 8, True)
    before = datetime(2026, 11, 3, 23, 30, tzinfo=timezone.utc)  # 07:30 on 11-04
    assert schedule.run_due(before) == []
    after = before + timedelta(hours=1)
    [made] = schedule.run_due(after)
    assert made.period_start == DAY_START and made.schedule == plan
    assert schedule.run_due(after + timedelta(hours=3)) == []
    told = set(Notification.objects.filter(kind="briefing").values_list("user__username", flat=True))
    assert told == {"duty", "leader"}  # leader, analyst and duty_officer roles; not the editor
    assert Notification.objects.filter(link=f"/briefings/{made.pk}/").count() == 2


def test_pages_and_files(people, client):
    store_day()
    client.force_login(people["duty"])
    response = client.post(reverse("briefings:list"), {"kind": "daily", "day": "2026-11-03", "place": "", "scheme": ""})
    made = Briefing.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("briefings:detail", args=[made.pk])
    page = client.get(reverse("briefings:detail", args=[made.pk])).content.decode()
    assert made.title in page and "[E1]" not in page and 'href="#E1">[1]</a>' in page
    for fmt, kind in (("docx", "wordprocessingml"), ("pdf", "application/pdf"), ("html", "text/html")):
        response = client.get(reverse("briefings:file", args=[made.pk, fmt]))
        assert response.status_code == 200 and kind in response["Content-Type"]
        assert "attachment" in response["Content-Disposition"]


def test_dashboard_data(people, client):
    store_day()
    client.force_login(people["duty"])
    now = DAY_START + timedelta(days=1)
    from yuqing.briefings import dashboard

    data = dashboard.data(people["duty"], now=now)
    assert sum(data["volume"]["values"]) == 13 and data["volume"]["labels"][-1] == "11-03"  # up to now, the day after is not counted
    assert {s["key"]: s["count"] for s in data["sentiment"]} == {"negative": 4, "neutral": 4, "positive": 5}
    assert sum(data["volume"]["negative"]) == 5  # negative emotion or a risk post (the calm news report)
    assert data["risk"]["total"] == 3 and [(r["type"], r["count"]) for r in data["risk"]["types"]] == [("事故灾难", 3)]
    assert data["provinces"] == [{"name": "河南省", "code": "41", "value": 11}]
    assert [c["name"] for c in data["cities"]] == ["商丘市"] and data["cities"][0]["value"] == 11
    assert data["sources"][0] == {"site": "weibo.example", "count": 10}
    assert data["alerts"]["available"] and data["duty"]["available"] and data["reporting"]["available"]
    response = client.get(reverse("briefings:dashboard_data"))
    assert response.status_code == 200 and response.json()["alerts"]["count"] == 0
