"""Scheme editor, preview, alerts inbox and duty calendar pages, and the monitoring API."""

from __future__ import annotations

import pytest

from tests.monitoring.helpers import at, posts, scheme
from yuqing.accounts.models import ApiToken
from yuqing.monitoring.models import Alert, Scheme, Shift
from yuqing.monitoring.percolate import process

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(admin_user):
    _, raw = ApiToken.issue(admin_user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def scheme_form(**overrides) -> dict:
    data = {"name": "永城火情", "group": "突发事件", "mode": "simple", "place_words": "永城", "subject_words": "起火 火灾",
            "exclude_words": "演习", "expression": "", "active": "on", "escalate_minutes": "15",
            "every_on": "on", "every_severity": "high", "every_digest": "",
            "spike_severity": "medium", "spike_digest": "", "spike_sensitivity": "3", "spike_min_count": "5",
            "spike_bucket_minutes": "10", "spike_cooldown_minutes": "60", "spike_warmup_buckets": "6",
            "negative_severity": "medium", "risk_severity": "medium", "spread_severity": "medium", "spread_min_sites": "3",
            "event_place_severity": "medium", "event_place_places": "", "event_place_min_posts": "3"}
    data.update(overrides)
    return data


def test_create_scheme_through_the_editor(logged_client):
    page = logged_client.get("/monitoring/new/").content.decode()
    assert 'data-preview-url="/monitoring/preview/"' in page and "monitoring/scheme_editor.js" in page
    assert "<script>" not in page.replace('<script src=', '')  # no inline script (CSP)
    response = logged_client.post("/monitoring/new/", scheme_form())
    created = Scheme.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/monitoring/{created.pk}/"
    assert created.expression == "永城 AND (起火 OR 火灾) AND NOT 演习" and created.group.name == "突发事件"
    assert list(created.rules.values_list("kind", "severity")) == [("every", "high")]
    detail = logged_client.get(f"/monitoring/{created.pk}/").content.decode()
    assert "永城 AND (起火 OR 火灾) AND NOT 演习" in detail
    edit = logged_client.get(f"/monitoring/{created.pk}/edit/").content.decode()
    assert "突发事件" in edit


def test_editor_shows_a_bad_rule_in_words(logged_client):
    page = logged_client.post("/monitoring/new/", scheme_form(mode="advanced", expression="永城 AND (起火")).content.decode()
    assert not Scheme.objects.exists() and 'role="alert"' in page


def test_preview_endpoint(logged_client):
    posts({"text": "永城化工厂起火"}, {"text": "<b>永城</b>公交起火演习"})
    data = logged_client.get("/monitoring/preview/", {"mode": "simple", "place_words": "永城", "subject_words": "起火",
                                                      "exclude_words": "演习"}).json()
    assert data["total"] == 1 and data["sample"][0]["title"] == "永城化工厂起火" and data["error"] == ""
    bad = logged_client.get("/monitoring/preview/", {"mode": "advanced", "expression": "(永城"}).json()
    assert bad["error"] and bad["position"] is not None


def test_alerts_inbox_filter_and_acknowledge(logged_client, admin_user):
    scheme(admin_user, "永城 AND 起火", name="火情")
    [alert] = process(posts({"text": "永城<script>起火</script>"}), now=at(1))
    page = logged_client.get("/monitoring/alerts/?status=new").content.decode()
    assert "&lt;script&gt;" in page and f"/monitoring/alerts/{alert.pk}/" in page
    assert "没有警报" in logged_client.get("/monitoring/alerts/?status=taken").content.decode() or \
        "No alerts" in logged_client.get("/monitoring/alerts/?status=taken").content.decode()
    response = logged_client.post(f"/monitoring/alerts/{alert.pk}/acknowledge/")
    assert response.status_code == 302
    assert Alert.objects.get().status == "acknowledged"
    detail = logged_client.get(f"/monitoring/alerts/{alert.pk}/").content.decode()
    assert 'id="acknowledge"' not in detail


def test_take_without_incidents_marks_taken(logged_client, admin_user, monkeypatch):
    from yuqing.monitoring import handling

    monkeypatch.setattr(handling, "_take_handlers", [])
    scheme(admin_user, "永城 AND 起火")
    [alert] = process(posts({"text": "永城起火"}), now=at(1))
    logged_client.post(f"/monitoring/alerts/{alert.pk}/take/")
    assert Alert.objects.get().status == "taken"


def test_duty_page_plans_a_rotation_and_shows_gaps(logged_client, admin_user):
    page = logged_client.get("/monitoring/duty/?start=2026-11-02").content.decode()
    assert page.count('class="gap"') == 7
    response = logged_client.post("/monitoring/duty/rotation/", {"officers": [admin_user.pk], "first_day": "2026-11-02",
                                                                 "days": "7", "start_hour": "0", "hours": "12"})
    assert response.status_code == 302 and Shift.objects.count() == 14
    page = logged_client.get("/monitoring/duty/?start=2026-11-02").content.decode()
    assert page.count('class="gap"') == 0


def test_api_schemes_preview_alerts_and_duty(client, api, admin_user):
    posts({"text": "永城化工厂起火"})
    created = client.post("/api/monitoring/schemes", {"name": "火情", "mode": "advanced", "expression": "永城 AND 起火",
                                                      "rules": [{"kind": "every", "severity": "high"}]},
                          content_type="application/json", **api)
    assert created.status_code == 201 and created.json()["rules"][0]["severity"] == "high"
    scheme_id = created.json()["id"]
    bad = client.post("/api/monitoring/schemes", {"name": "x", "mode": "advanced", "expression": "(永城"},
                      content_type="application/json", **api)
    assert bad.status_code == 400 and bad.json()["position"] >= 0
    preview = client.post("/api/monitoring/preview", {"mode": "simple", "place_words": "永城", "subject_words": "起火"},
                          content_type="application/json", **api).json()
    assert preview["total"] == 1
    updated = client.put(f"/api/monitoring/schemes/{scheme_id}", {"name": "火情2", "mode": "advanced", "expression": "永城",
                                                                   "rules": []}, content_type="application/json", **api)
    assert updated.json()["version"] == 2
    assert [v["number"] for v in client.get(f"/api/monitoring/schemes/{scheme_id}/versions", **api).json()] == [2, 1]
    [alert] = process(posts({"text": "永城又起火"}), now=at(1)) or [None]
    assert alert is None  # no rules any more
    client.put(f"/api/monitoring/schemes/{scheme_id}", {"name": "火情3", "mode": "advanced", "expression": "永城",
                                                         "rules": [{"kind": "every"}]}, content_type="application/json", **api)
    [alert] = process(posts({"text": "永城第三条"}), now=at(2))
    listed = client.get("/api/monitoring/alerts?status=new", **api).json()
    assert [a["id"] for a in listed] == [alert.pk] and listed[0]["document_ids"]
    acked = client.post(f"/api/monitoring/alerts/{alert.pk}/acknowledge", {"note": "已处置"}, content_type="application/json", **api)
    assert acked.json()["status"] == "acknowledged"
    assert client.post(f"/api/monitoring/alerts/{alert.pk}/acknowledge", {}, content_type="application/json", **api).status_code == 409
    assert [s["action"] for s in client.get(f"/api/monitoring/alerts/{alert.pk}/steps", **api).json()][-1] == "acknowledged"
    shift = client.post("/api/monitoring/duty/shifts", {"starts_at": "2026-11-02T00:00:00+08:00", "ends_at": "2026-11-02T12:00:00+08:00",
                                                        "officer": "boss"}, content_type="application/json", **api)
    assert shift.status_code == 201
    gaps = client.get("/api/monitoring/duty/gaps", {"since": "2026-11-02T00:00:00+08:00", "until": "2026-11-03T00:00:00+08:00"}, **api).json()
    assert len(gaps) == 1 and gaps[0]["starts_at"].startswith("2026-11-02T04:00")
    note = client.post(f"/api/monitoring/duty/shifts/{shift.json()['id']}/handover", {"text": "交班：关注永城火情"},
                       content_type="application/json", **api)
    assert note.status_code == 201


def test_an_unknown_place_and_an_overlong_rule_are_answered_in_words(logged_client, client, api):
    from yuqing.analysis.query.parser import MAX_TERMS

    posts({"text": "永城化工厂起火"})
    unknown = logged_client.get("/monitoring/preview/", {"mode": "advanced", "expression": "place:火星"})
    assert unknown.status_code == 200 and "火星" in unknown.json()["error"]
    too_long = {"AND": " AND ".join(f"词{n}" for n in range(MAX_TERMS + 1)),
                "OR": " OR ".join(f"词语{n}" for n in range(10 * MAX_TERMS))}
    for expression in too_long.values():
        shown = logged_client.get("/monitoring/preview/", {"mode": "advanced", "expression": expression}).json()
        assert str(MAX_TERMS) in shown["error"] and shown["position"] is not None
        answer = client.post("/api/monitoring/preview", {"mode": "advanced", "expression": expression},
                             content_type="application/json", **api).json()
        assert str(MAX_TERMS) in answer["error"]
        assert client.get("/api/documents", {"q": expression}, **api).status_code == 400
        assert client.post("/api/monitoring/schemes", {"name": "x", "mode": "advanced", "expression": expression},
                           content_type="application/json", **api).status_code == 400
        page = logged_client.post("/monitoring/new/", scheme_form(mode="advanced", expression=expression))
        assert page.status_code == 200 and 'role="alert"' in page.content.decode() and not Scheme.objects.exists()
    # the longest rule allowed still runs, single-character terms (SQL per term) included
    longest = " AND ".join(f"词{n}" for n in range(MAX_TERMS))
    assert client.get("/api/documents", {"q": longest}, **api).status_code == 200
    assert client.get("/api/documents", {"q": " OR ".join(f"词{n}" for n in range(MAX_TERMS))}, **api).status_code == 200
