"""One alert per story and scheme: the rules that fire become its reasons, its severity rises,
the inbox holds it once, and every count of it agrees (alert list, scheme list, dashboard, API)."""

from __future__ import annotations

import re

import pytest

from tests.monitoring.helpers import at, posts, scheme
from tests.monitoring.test_alert_rules import spike_rule
from yuqing.monitoring import handling
from yuqing.monitoring.escalation import escalate_due, send_digests
from yuqing.monitoring.models import Alert
from yuqing.monitoring.percolate import process
from yuqing.monitoring.schemes import RuleSpec
from yuqing.notifications.models import Notification

pytestmark = pytest.mark.django_db

FIRE = "永城 AND 起火"


def story(n: int, minutes: float, sentiment: str = "", site: str = "a.example", event: str = "E") -> list:
    return posts(*[{"text": f"永城起火 {minutes}-{i}", "minutes": minutes, "event": event, "sentiment": sentiment,
                    "site": site} for i in range(n)])


def unread(user) -> list[str]:
    return list(Notification.objects.filter(user=user, read_at__isnull=True).values_list("title", flat=True))


def test_every_rule_that_fires_on_a_story_adds_its_reason_to_one_alert(admin_user, people, roster):
    scheme(admin_user, FIRE, [RuleSpec(kind="every", severity="medium"), RuleSpec(kind="negative", severity="high"),
                              RuleSpec(kind="spread", severity="medium", min_sites=2)], name="永城火情")
    [alert] = process(story(1, 1), now=at(1))
    assert alert.kinds == ["every"] and alert.severity == "medium"
    [same] = process(story(1, 2, sentiment="negative"), now=at(2))
    [again] = process(story(1, 3, site="b.example"), now=at(3))
    assert same.pk == again.pk == alert.pk and Alert.objects.count() == 1
    alert.refresh_from_db()
    assert alert.kinds == ["every", "negative", "spread"] and alert.severity == "high" and alert.document_count == 3
    titles = unread(people["officer"])
    assert len(titles) == 1 and titles[0].startswith(("Severity rose", "级别升为"))  # one inbox item, the latest news


def test_a_spike_joins_the_alert_of_the_story_that_makes_it_and_raises_its_severity(admin_user, people, roster):
    scheme(admin_user, FIRE, [RuleSpec(kind="every", severity="medium"), spike_rule(severity="critical")], now=at(0))
    for bucket in range(8):
        process(story(1, bucket * 10 + 1, event=f"quiet{bucket}"), now=at(bucket * 10 + 9))
    quiet = Alert.objects.count()
    process(story(12, 81, event="FIRE"), now=at(89))
    fire = Alert.objects.get(group_key="event:FIRE")
    assert Alert.objects.count() == quiet + 1  # not one alert for the match and another for the spike
    assert fire.kinds == ["every", "spike"] and fire.severity == "critical"
    assert fire.evidence["count"] == 12 and fire.document_count == 12


def test_a_digest_story_is_told_at_once_when_a_rule_that_tells_at_once_fires(admin_user, people, roster):
    scheme(admin_user, FIRE, [RuleSpec(kind="every", severity="low", digest="hourly"), RuleSpec(kind="negative", severity="high")])
    [alert] = process(story(1, 1), now=at(1))
    assert alert.digest_pending and unread(people["officer"]) == [] and alert.next_escalation_at is None
    process(story(1, 5, sentiment="negative"), now=at(5))
    alert.refresh_from_db()
    assert not alert.digest_pending and len(unread(people["officer"])) == 1
    assert alert.next_escalation_at == at(5 + 15)  # the negative rule's escalation clock runs
    assert send_digests(at(61)) == 0  # nothing left for the digest: it was told


def test_the_inbox_holds_an_alert_once_and_acknowledging_settles_it_for_everyone(admin_user, people, roster):
    scheme(admin_user, FIRE)
    [alert] = process(story(1, 1), now=at(1))
    process(story(2, 2), now=at(2))  # doubled: the holder is told again, in the same inbox item
    escalate_due(at(20))  # not acknowledged: the backup is told
    assert len(unread(people["officer"])) == 1 and len(unread(people["backup"])) == 1
    assert Notification.objects.filter(user=people["officer"]).count() == 1
    handling.acknowledge(people["backup"], Alert.objects.get(), now=at(21))
    assert unread(people["officer"]) == [] and unread(people["backup"]) == []


def _numbers(html: str, pattern: str) -> list[int]:
    return [int(n) for n in re.findall(pattern, html)]


def test_every_page_counts_the_same_waiting_alerts(client, admin_user, people, roster):
    from yuqing.briefings.dashboard import data

    first = scheme(admin_user, FIRE, [RuleSpec(kind="every"), RuleSpec(kind="negative"), RuleSpec(kind="spread", min_sites=2)],
                   name="火情")
    scheme(admin_user, "郑州 AND 电梯", [RuleSpec(kind="every"), RuleSpec(kind="negative")], name="电梯")
    process(story(2, 1, sentiment="negative", event="A") + story(1, 1, site="b.example", event="A")
            + story(1, 2, event="B"), now=at(2))
    process(posts({"text": "郑州电梯困人", "event": "L", "sentiment": "negative"}), now=at(3))
    handling.acknowledge(people["officer"], Alert.objects.get(group_key="event:B"), now=at(4))
    client.force_login(people["officer"])
    alerts_page = client.get("/monitoring/alerts/").content.decode()
    schemes_page = client.get("/monitoring/").content.decode()
    api = client.get("/api/monitoring/alerts/counts").json()
    assert Alert.objects.count() == 3 and api["new"] == 2 and api["acknowledged"] == 1
    assert _numbers(alerts_page, r'id="alert-counts">(\d+)') == [2]
    assert sum(_numbers(schemes_page, r'status=new">(\d+)</a>')) == 2
    assert data(people["officer"], now=at(5))["alerts"]["waiting"] == 2
    assert client.get("/monitoring/alerts/?kind=negative").content.decode().count('class="alert-title"') == 2
    assert len(unread(people["officer"])) == 2  # one inbox item per waiting alert, none for the acknowledged one


def test_a_chief_editor_reads_an_alert_and_is_told_who_handles_it(client, admin_user, people, roster, django_user_model):
    from django.contrib.auth.models import Group

    scheme(admin_user, FIRE)
    [alert] = process(story(1, 1), now=at(1))
    chief = django_user_model.objects.create_user("chief", password="pw-chief-1")
    chief.groups.add(Group.objects.get_or_create(name="chief_editor")[0])
    client.force_login(chief)
    page = client.get(f"/monitoring/alerts/{alert.pk}/").content.decode()
    assert 'id="refusal"' in page and 'id="acknowledge"' not in page
    assert "officer" in page.split('id="refusal"')[1].split("</p>")[0]  # names who holds it
    assert client.post(f"/monitoring/alerts/{alert.pk}/acknowledge/").status_code == 302
    assert Alert.objects.get().status == "new"


def test_an_officer_of_a_unit_sees_no_city_alerts(client, admin_user, people, roster):
    scheme(admin_user, FIRE)
    [alert] = process(story(1, 1), now=at(1))
    client.force_login(people["outsider"])
    refused = client.get("/monitoring/alerts/")
    assert refused.status_code == 403
    assert client.get(f"/monitoring/alerts/{alert.pk}/").status_code == 404
    assert client.get("/api/monitoring/alerts").json() == []
