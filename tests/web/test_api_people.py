"""The API names people as the pages do: the display name, with an id as the stable key; never the login (issue 12, item 3).

Schemes (owner), alerts (holder), an alert's log (actor), duty shifts (officer, backup, leader) and
reporting items (author, holder) are read back through the API, and no login may appear in the answers.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group

from tests.monitoring.helpers import BASE, at, posts, scheme
from tests.submissions.conftest import office  # noqa: F401  (fixture)
from tests.submissions.helpers import new_item
from yuqing.accounts.models import ApiToken
from yuqing.monitoring import handling
from yuqing.monitoring.models import Shift
from yuqing.monitoring.percolate import process
from yuqing.submissions import workflow

pytestmark = pytest.mark.django_db
NAMES = {"duty_zhang": "张值班", "duty_li": "李备班", "boss_wang": "王带班", "analyst_sun": "孙分析"}


@pytest.fixture(autouse=True)
def _fast(quiet_office):
    """Every test here: tests/conftest.py's quiet_office."""


@pytest.fixture
def staff(django_user_model):
    made = {login: django_user_model.objects.create_user(login, first_name=name, password="pw-api-people-1")
            for login, name in NAMES.items()}
    for login, role in (("duty_zhang", "duty_officer"), ("duty_li", "duty_officer"), ("boss_wang", "leader"),
                        ("analyst_sun", "analyst")):
        made[login].groups.add(Group.objects.get_or_create(name=role)[0])
    return made


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, 'test')[1]}"}


def no_login_in(answer, logins) -> None:
    text = json.dumps(answer, ensure_ascii=False)
    assert not [login for login in logins if login in text], text


def test_monitoring_answers_name_people_with_their_ids(client, staff):
    duty, backup, leader, analyst = (staff[k] for k in ("duty_zhang", "duty_li", "boss_wang", "analyst_sun"))
    Shift.objects.create(starts_at=BASE - timedelta(hours=1), ends_at=BASE + timedelta(hours=23),
                         officer=duty, backup=backup, leader=leader)
    scheme(analyst, "永城")
    [alert] = process(posts({"text": "永城化工厂起火"}), now=at(1))
    handling.acknowledge(duty, alert, note="已处置", now=at(2))
    api = bearer(analyst)

    [owned] = client.get("/api/monitoring/schemes", **api).json()
    assert (owned["owner"], owned["owner_id"]) == ("孙分析", analyst.pk)
    read = client.get(f"/api/monitoring/alerts/{alert.pk}", **bearer(duty)).json()
    assert (read["assignee"], read["assignee_id"]) == ("张值班", duty.pk)
    steps = client.get(f"/api/monitoring/alerts/{alert.pk}/steps", **bearer(duty)).json()
    assert ("张值班", duty.pk) in [(s["actor"], s["actor_id"]) for s in steps]
    assert any("张值班" in s["recipients"] for s in steps)
    [shift] = client.get("/api/monitoring/duty/shifts", {"since": at(0).isoformat(), "until": at(60).isoformat()}, **api).json()
    assert (shift["officer"], shift["backup"], shift["leader"]) == ("张值班", "李备班", "王带班")
    assert (shift["officer_id"], shift["backup_id"], shift["leader_id"]) == (duty.pk, backup.pk, leader.pk)
    for answer in (owned, read, steps, shift):
        no_login_in(answer, NAMES)


def test_a_shift_is_planned_by_a_person_id_as_read_back_or_by_login(client, staff):
    api = bearer(staff["boss_wang"])
    by_id = client.post("/api/monitoring/duty/shifts", {"starts_at": "2026-11-02T00:00:00+08:00", "ends_at": "2026-11-02T12:00:00+08:00",
                                                        "officer": staff["duty_zhang"].pk, "leader": staff["boss_wang"].pk},
                        content_type="application/json", **api)
    assert by_id.status_code == 201, by_id.content
    assert (by_id.json()["officer"], by_id.json()["leader"], by_id.json()["backup"]) == ("张值班", "王带班", None)
    by_login = client.post("/api/monitoring/duty/shifts", {"starts_at": "2026-11-02T12:00:00+08:00", "ends_at": "2026-11-03T00:00:00+08:00",
                                                           "officer": "duty_li"}, content_type="application/json", **api)
    assert by_login.status_code == 201 and by_login.json()["officer_id"] == staff["duty_li"].pk
    unknown = client.post("/api/monitoring/duty/shifts", {"starts_at": "2026-11-03T00:00:00+08:00", "ends_at": "2026-11-03T12:00:00+08:00",
                                                          "officer": 999_999}, content_type="application/json", **api)
    assert unknown.status_code == 404


def test_a_reporting_item_names_its_author_and_holder(client, office):
    office.officer_a.first_name, office.editor.first_name = "林信息", "张编辑"
    office.officer_a.save()
    office.editor.save()
    item = new_item(office)
    workflow.submit(office.officer_a, item)
    workflow.take(office.editor, item)
    read = client.get(f"/api/submissions/{item.pk}", **bearer(office.editor)).json()
    assert (read["author"], read["author_id"]) == ("林信息", office.officer_a.pk)
    assert (read["holder"], read["holder_id"]) == ("张编辑", office.editor.pk)
    listed = client.get("/api/submissions", **bearer(office.editor)).json()
    no_login_in([read, listed], [office.officer_a.username, office.editor.username])


def test_a_push_source_is_named_after_the_person_in_the_office_language(client, django_user_model):
    from yuqing.sources.models import Source

    collector = django_user_model.objects.create_user("collector_zhao", first_name="赵采集", password="pw-api-people-1")
    token = ApiToken.issue(collector, "collector", scope="ingest")[1]
    body = json.dumps([{"id": "p1", "text": "演示：县里发布暴雨预警", "site": "weibo.com"}], ensure_ascii=False)
    sent = client.generic("POST", "/api/documents", body, content_type="application/json",
                          HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="en")
    assert sent.status_code == 200, sent.content
    source = Source.objects.get(kind=Source.Kind.PUSH)
    assert source.name == "赵采集推送" and "collector_zhao" not in source.name
