"""Migrating alerts made one per rule into one per story: duplicates merge, nothing is lost."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tests.migrating import migrate  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

OLD = [("monitoring", "0001_initial")]
NEW = [("monitoring", "0003_alert_per_story")]
T0 = datetime(2026, 11, 2, 2, 0, tzinfo=timezone.utc)


def _old_alert(apps, scheme, rule, doc_ids: list[int], **fields):
    Alert = apps.get_model("monitoring", "Alert")
    alert = Alert.objects.create(scheme=scheme, rule=rule, kind=rule.kind, group_key="event:E", title="永城起火",
                                 document_count=len(doc_ids), created_at=T0, updated_at=T0, **fields)
    for pk in doc_ids:
        apps.get_model("monitoring", "AlertDocument").objects.create(alert=alert, document_id=pk)
    apps.get_model("monitoring", "AlertStep").objects.create(alert=alert, at=T0, action="raised")
    return alert


def test_alerts_of_one_story_made_by_two_rules_merge_into_one_with_both_reasons(migrate):  # noqa: F811
    from tests.monitoring.helpers import posts

    old = migrate(OLD)
    docs = [doc.pk for doc in posts({"text": "永城起火一"}, {"text": "永城起火二"}, {"text": "永城起火三"})]
    Scheme, AlertRule = old.get_model("monitoring", "Scheme"), old.get_model("monitoring", "AlertRule")
    scheme = Scheme.objects.create(name="火情", expression="永城")
    every = AlertRule.objects.create(scheme=scheme, kind="every", severity="medium")
    spike = AlertRule.objects.create(scheme=scheme, kind="spike", severity="critical")
    kept = _old_alert(old, scheme, every, docs[:2], severity="medium", sites=["a.example"])
    _old_alert(old, scheme, spike, docs[1:], severity="critical", sites=["b.example"], status="acknowledged",
               evidence={"count": 3})
    new = migrate(NEW)
    [alert] = new.get_model("monitoring", "Alert").objects.all()
    assert alert.pk == kept.pk and alert.severity == "critical" and alert.status == "acknowledged"
    assert alert.document_count == 3 and alert.sites == ["a.example", "b.example"]
    reasons = new.get_model("monitoring", "AlertReason").objects.filter(alert=alert).order_by("kind")
    assert [(r.kind, r.rule_id, r.evidence) for r in reasons] == [("every", every.pk, {}), ("spike", spike.pk, {"count": 3})]
    assert new.get_model("monitoring", "AlertStep").objects.filter(alert=alert).count() == 2
