"""Alert rules on a test clock: every match, one alert per event, negative only, spikes with
warm-up, spread to N sites, new events in a watched place, and digests."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.monitoring.helpers import YONGCHENG, ZHENGZHOU, at, posts, scheme
from django.urls import reverse

from yuqing.monitoring.escalation import period_start, send_digests
from yuqing.monitoring.models import Alert, AlertStep
from yuqing.monitoring.percolate import process
from yuqing.monitoring.schemes import RuleSpec
from yuqing.notifications.models import Notification

pytestmark = pytest.mark.django_db

FIRE = "永城 AND (火灾 OR 起火)"


def inbox(user) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("id").values_list("title", flat=True))


def test_a_new_match_alerts_the_officer_on_duty(admin_user, people, roster):
    scheme(admin_user, FIRE, [RuleSpec(kind="every", severity="high")], name="永城火情")
    alerts = process(posts({"text": "永城东城区化工厂起火，浓烟很大"}, {"text": "商丘今天天气晴"}), now=at(1))
    [alert] = alerts
    assert (alert.kinds, alert.severity, alert.document_count, alert.status) == (["every"], "high", 1, "new")
    assert inbox(people["officer"]) == ["[永城火情] 永城东城区化工厂起火，浓烟很大"]
    assert Notification.objects.get(user=people["officer"]).severity == "high"
    assert inbox(admin_user) == []  # the scheme's owner is not on duty
    assert alert.assignee == people["officer"] and alert.next_escalation_at == at(1) + timedelta(minutes=15)


def test_one_alert_per_event_updated_as_it_grows(admin_user, people, roster):
    scheme(admin_user, FIRE, name="永城火情")
    first = process(posts(*[{"text": f"永城化工厂起火 第{i}条", "event": "E1"} for i in range(3)]), now=at(1))
    assert len(first) == 1 and first[0].document_count == 3
    grown = process(posts(*[{"text": f"永城化工厂起火 后续{i}", "event": "E1"} for i in range(2)]), now=at(5))
    assert [a.pk for a in grown] == [first[0].pk]
    alert = Alert.objects.get()
    assert alert.document_count == 5 and alert.updated_at == at(5)
    assert len(inbox(people["officer"])) == 1  # 5 < 2 × 3: growth logged, nobody disturbed
    assert AlertStep.objects.filter(alert=alert, action="grew").count() == 1
    process(posts({"text": "永城化工厂起火 第六条", "event": "E1"}), now=at(9))
    assert Alert.objects.get().document_count == 6
    assert inbox(people["officer"])[-1].startswith("Growing") or inbox(people["officer"])[-1].startswith("事态扩大")
    other = process(posts({"text": "永城另一处仓库起火", "event": "E2"}), now=at(10))
    assert Alert.objects.count() == 2 and other[0].group_key == "event:E2"


def test_a_document_seen_again_never_alerts_twice(admin_user, people, roster):
    scheme(admin_user, FIRE)
    docs = posts({"text": "永城起火"})
    assert len(process(docs, now=at(1))) == 1
    assert process(docs, now=at(2)) == []  # re-analysed: the match is already recorded
    assert Alert.objects.get().document_count == 1


def test_negative_matches_only(admin_user, people, roster):
    scheme(admin_user, FIRE, [RuleSpec(kind="negative")])
    assert process(posts({"text": "永城起火，感谢消防员", "sentiment": "positive"}), now=at(1)) == []
    [alert] = process(posts({"text": "永城起火，没人管吗", "sentiment": "negative"}), now=at(2))
    assert alert.kinds == ["negative"]


CALM_FIRE = {"text": "永城化工厂起火，三人被困，消防正在救援", "sentiment": "neutral", "risk": (1, "事故灾难", ["起火", "被困", "消防"])}


def test_negative_means_negative_emotion_or_a_risk_post_by_default(admin_user, people, roster):
    scheme(admin_user, FIRE, [RuleSpec(kind="negative")])
    assert process(posts({"text": "永城起火演练圆满结束", "sentiment": "neutral", "risk": (0, "", [])}), now=at(1)) == []
    [alert] = process(posts(CALM_FIRE), now=at(2))  # written calmly, and the post a duty officer most needs
    assert alert.kinds == ["negative"]


@pytest.mark.parametrize("means, alerted", [("sentiment", False), ("risk", True), ("sentiment_or_risk", True)])
def test_what_negative_means_is_a_setting(admin_user, people, roster, settings, means, alerted):
    from dataclasses import replace

    settings.YUQING = replace(settings.YUQING, negative_means=means)
    scheme(admin_user, FIRE, [RuleSpec(kind="negative")])
    assert bool(process(posts(CALM_FIRE), now=at(1))) is alerted
    angry = process(posts({"text": "永城起火，没人管吗", "sentiment": "negative", "risk": (0, "", [])}), now=at(2))
    assert bool(angry) is (means != "risk")


def test_risk_matches_only_and_as_well_as_negative(admin_user, people, roster):
    scheme(admin_user, FIRE, [RuleSpec(kind="risk", severity="high")], name="永城火情")
    assert process(posts({"text": "永城起火，气死了", "sentiment": "negative", "risk": (0, "", [])}), now=at(1)) == []
    [alert] = process(posts({**CALM_FIRE, "event": "E1"}), now=at(2))
    assert (alert.kinds, alert.severity) == (["risk"], "high")
    both = scheme(admin_user, FIRE, [RuleSpec(kind="negative"), RuleSpec(kind="risk", severity="high")], name="两者")
    [alert] = [a for a in process(posts({**CALM_FIRE, "event": "E2"}), now=at(3)) if a.scheme_id == both.pk]
    assert sorted(alert.kinds) == ["negative", "risk"] and alert.severity == "high"  # one alert, two reasons


def test_the_alert_says_why_its_posts_are_negative(admin_user, people, roster, client):
    scheme(admin_user, FIRE, [RuleSpec(kind="negative")], name="永城火情")
    [alert] = process(posts(CALM_FIRE), now=at(1))
    body = Notification.objects.get(user=people["officer"]).body
    assert "为何判为负面：起火、被困、消防" in body
    client.force_login(admin_user)
    page = client.get(reverse("monitoring:alert", args=[alert.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "为何判为负面" in page and "被困" in page


def spike_rule(**overrides) -> RuleSpec:
    params = dict(kind="spike", bucket_minutes=10, sensitivity=3.0, min_count=5, cooldown_minutes=60, warmup_buckets=6)
    params.update(overrides)
    return RuleSpec(**params)


def feed(bucket: int, n: int) -> list:
    """n matching posts in bucket `bucket` (10-minute buckets from BASE), judged at its end."""
    docs = posts(*[{"text": f"永城起火 {bucket}-{i}", "minutes": bucket * 10 + 1} for i in range(n)])
    return process(docs, now=at(bucket * 10 + 9))


@pytest.mark.parametrize("warmup, alerted", [(6, False), (0, True)])
def test_no_spike_before_the_warm_up(admin_user, people, roster, warmup, alerted):
    scheme(admin_user, FIRE, [spike_rule(warmup_buckets=warmup)], now=at(0))
    assert feed(0, 1) == [] and feed(1, 1) == []
    assert bool(feed(2, 12)) is alerted  # a burst two buckets in: with a warm-up there is no baseline yet


def test_spike_after_the_warm_up_then_once_per_cool_down(admin_user, people, roster):
    scheme(admin_user, FIRE, [spike_rule()], now=at(0))
    for bucket in range(0, 8):
        assert feed(bucket, 1) == []
    [alert] = feed(8, 12)  # about one post per bucket until now
    assert alert.kinds == ["spike"] and alert.document_count == 12
    assert alert.evidence["count"] == 12 and alert.evidence["window_counts"][-1] == 12
    assert alert.evidence["baseline"] == 1.0 and alert.evidence["score"] >= 3
    assert feed(9, 40) == []  # within the 60-minute cool-down
    assert Alert.objects.count() == 1
    [later] = feed(16, 80)  # after the cool-down, a bigger spike is a new alert
    assert later.pk != alert.pk


def test_spike_needs_the_minimum_count(admin_user, people, roster):
    scheme(admin_user, FIRE, [spike_rule(min_count=20)], now=at(0))
    for bucket in range(0, 8):
        feed(bucket, 1)
    assert feed(8, 12) == []
    assert feed(9, 25)


def test_spike_baseline_survives_a_restart(admin_user, people, roster):
    from yuqing.monitoring.spikes import pool

    scheme(admin_user, FIRE, [spike_rule()], now=at(0))
    for bucket in range(0, 8):
        feed(bucket, 1)
    pool().forget()  # as after a restart: rebuilt from recorded matches
    [alert] = feed(8, 12)
    assert alert.evidence["baseline"] > 0


def test_spread_to_n_sites(admin_user, people, roster):
    scheme(admin_user, FIRE, [RuleSpec(kind="spread", min_sites=3)])
    assert process(posts({"text": "永城起火", "site": "a.example", "event": "E"},
                         {"text": "永城起火了", "site": "b.example", "event": "E"}), now=at(1)) == []
    [alert] = process(posts({"text": "永城起火转发", "site": "c.example", "event": "E"}), now=at(2))
    assert alert.document_count == 3 and alert.sites == ["a.example", "b.example", "c.example"]
    process(posts({"text": "永城起火又一条", "site": "a.example", "event": "E"}), now=at(3))
    assert Alert.objects.get().document_count == 4


def test_new_event_in_a_watched_place(admin_user, people, roster):
    scheme(admin_user, "起火 OR 火灾", [RuleSpec(kind="event_place", places="永城", min_posts=3)])
    assert process(posts(*[{"text": f"郑州一仓库起火 {i}", "event": "Z", "places": [ZHENGZHOU]} for i in range(4)]), now=at(1)) == []
    assert process(posts(*[{"text": f"永城化工厂起火 {i}", "event": "Y", "places": [YONGCHENG]} for i in range(2)]), now=at(2)) == []
    [alert] = process(posts({"text": "永城化工厂起火 3", "event": "Y", "places": [YONGCHENG]}), now=at(3))
    assert alert.kinds == ["event_place"] and alert.document_count == 3


def test_one_accounts_posts_are_no_new_event(admin_user, people, roster):
    scheme(admin_user, "起火 OR 火灾", [RuleSpec(kind="event_place", places="永城", min_posts=3)])
    same = [{"text": f"永城化工厂起火 {i}", "event": "Y", "places": [YONGCHENG], "author": "路人甲"} for i in range(4)]
    assert process(posts(*same), now=at(1)) == []
    [alert] = process(posts(*[{"text": f"永城起火 他人{i}", "event": "Y", "places": [YONGCHENG]} for i in range(2)]), now=at(2))
    assert alert.kinds == ["event_place"]


def test_an_old_event_is_not_new(admin_user, people, roster):
    scheme(admin_user, "起火", [RuleSpec(kind="event_place", places="永城", min_posts=1)])
    old = posts({"text": "永城起火 旧闻", "event": "OLD", "places": [YONGCHENG], "minutes": -3 * 24 * 60})
    assert process(old, now=at(1)) == []


def test_digest_holds_low_alerts_and_sends_one_message(admin_user, people, roster):
    scheme(admin_user, FIRE, [RuleSpec(kind="every", severity="low", digest="hourly")])
    process(posts({"text": "永城起火一", "event": "A"}, {"text": "永城起火二", "event": "B"}), now=at(1))
    assert Alert.objects.filter(digest_pending=True).count() == 2
    assert inbox(people["officer"]) == [] and Alert.objects.filter(next_escalation_at__isnull=False).count() == 0
    assert send_digests(at(30)) == 0  # the hour has not turned
    assert send_digests(at(61)) == 1
    [title] = inbox(people["officer"])
    assert "2" in title and Notification.objects.get().kind == "digest"
    assert not Alert.objects.filter(digest_pending=True).exists()
    assert send_digests(at(62)) == 0
    assert AlertStep.objects.filter(action="digested").count() == 2


def test_daily_digest_period_turns_at_eight_in_the_morning_local_time():
    # BASE is 10:00 in Asia/Shanghai; the daily period runs from 08:00 to 08:00 the next day.
    today_eight = at(-120)
    assert period_start("daily", at(0)) == today_eight
    assert period_start("daily", at(-121)) == today_eight - timedelta(days=1)  # 07:59
    assert period_start("daily", today_eight) == today_eight
    assert period_start("hourly", at(59)) == at(0) and period_start("hourly", at(60)) == at(60)


def test_daily_digest_is_sent_at_the_next_morning_hand_over_not_before(admin_user, people, roster):
    scheme(admin_user, FIRE, [RuleSpec(kind="every", severity="low", digest="daily")])
    process(posts({"text": "永城起火一", "event": "A"}), now=at(1))  # 10:01
    next_morning = at(22 * 60)  # 08:00 the next day
    assert send_digests(at(14 * 60)) == 0  # midnight: the day's period has not turned
    assert send_digests(next_morning - timedelta(minutes=1)) == 0  # 07:59
    assert inbox(people["officer"]) == []
    assert send_digests(next_morning) == 1
    assert len(inbox(people["officer"])) == 1
    assert send_digests(next_morning + timedelta(hours=3)) == 0


def test_inactive_scheme_is_not_matched(admin_user, people, roster):
    from yuqing.monitoring.schemes import set_active

    s = scheme(admin_user, FIRE)
    set_active(admin_user, s, active=False)
    assert process(posts({"text": "永城起火"}), now=at(1)) == []


def test_many_schemes_one_pass(admin_user, people, roster):
    for n in range(30):
        scheme(admin_user, f"永城 AND 编号{n}", name=f"方案{n}")
    alerts = process(posts({"text": "永城 编号7 编号12"}), now=at(1))
    assert sorted(a.scheme.name for a in alerts) == ["方案12", "方案7"]
