"""A briefing is read only by those who may see everything it tells: incident statements, action
logs and lessons must not reach officers who get 403 on the incident itself."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from yuqing.briefings import actions, dashboard
from yuqing.briefings.access import can_read, incident_ids
from yuqing.incidents import actions as incidents

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(django_user_model):
    user = django_user_model.objects.create_user("officer", "", "pw-officer-1")
    user.groups.add(Group.objects.get_or_create(name="officer")[0])
    return user


@pytest.fixture
def incident(people, clock):
    clock.move_to("2026-11-03T10:00:00+08:00", tick=False)
    opened = incidents.open_incident(people["duty"], title="化工厂起火处置（内部）", description="内部研判")
    incidents.add_statement(people["duty"], opened, text="内部口径：暂不回应", channel="internal", issuer="宣传部")
    return opened


def test_a_special_report_is_read_by_those_who_see_its_incident(client, people, officer, incident):
    briefing = actions.generate_for_incident(people["duty"], incident, base_url="http://testserver")
    assert incident_ids(briefing) == {incident.pk}
    assert can_read(people["editor"], briefing) and not can_read(officer, briefing)
    client.force_login(officer)
    assert client.get(reverse("briefings:detail", args=[briefing.pk])).status_code == 404
    for fmt in ("html", "docx"):
        assert client.get(reverse("briefings:file", args=[briefing.pk, fmt])).status_code == 404
    assert "化工厂起火处置" not in client.get(reverse("briefings:list")).content.decode()
    incidents.add_member(people["duty"], incident, user_id=officer.pk)  # put in the lead group: now they may
    assert client.get(reverse("briefings:detail", args=[briefing.pk])).status_code == 200
    assert "化工厂起火处置" in client.get(reverse("briefings:list")).content.decode()


def test_a_daily_briefing_listing_an_incident_follows_it(client, people, officer, incident):
    daily = actions.generate(people["duty"], kind="daily", day=date(2026, 11, 3), base_url="http://testserver")
    assert incident_ids(daily) == {incident.pk}
    client.force_login(officer)
    assert client.get(reverse("briefings:detail", args=[daily.pk])).status_code == 404
    quiet = actions.generate(people["duty"], kind="daily", day=date(2026, 10, 1), base_url="http://testserver")
    assert incident_ids(quiet) == set() and client.get(reverse("briefings:detail", args=[quiet.pk])).status_code == 200


def test_the_dashboard_lists_only_incidents_the_user_may_see(people, officer, incident):
    assert [i["title"] for i in dashboard.data(people["editor"])["incidents"]] == [incident.title]
    assert dashboard.data(officer)["incidents"] == []


def test_an_unknown_file_format_is_not_found(client, people, incident):
    briefing = actions.generate_for_incident(people["duty"], incident, base_url="http://testserver")
    client.force_login(people["duty"])
    assert client.get(f"/briefings/{briefing.pk}/file.xyz").status_code == 404
