"""Information needs through the pages and the API, as the roles that use them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.submissions.need_helpers import hours, publish
from yuqing.accounts.models import ApiToken
from yuqing.submissions.models import InformationNeed, Submission

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, 'test')[1]}"}


def test_an_editor_publishes_a_need_to_a_unit_and_the_units_below_it(client, office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(office.editor)
    assert client.get(reverse("submissions:need_create")).status_code == 200
    notice = SimpleUploadedFile("通知.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    response = client.post(reverse("submissions:need_create"), {
        "title": "乡村振兴典型经验", "wanted": "请报送乡村振兴中的典型做法。", "categories": ["experience", "macro"],
        "source": "省委宣传部信息处", "due_at": "2026-11-30T17:00", "scope": "subtree", "root": office.county_a.pk,
        "file": notice})
    need = InformationNeed.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("submissions:need", args=[need.pk])
    assert set(need.asked.values_list("unit__code", flat=True)) == {"A", "A1"}
    assert need.categories == ["experience", "macro"] and need.due_at == datetime(2026, 11, 30, 17, tzinfo=SHANGHAI)
    page = client.get(reverse("submissions:need", args=[need.pk])).content.decode()
    assert "乡村振兴典型经验" in page and "甲县一镇" in page and "通知.pdf" in page and "乙区委宣传部" not in page
    download = client.get(reverse("submissions:need_file", args=[need.pk, need.attachments.get().pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 x"


def test_only_editors_may_publish(client, office):
    for user in (office.officer_a, office.head_a, office.leader):
        client.force_login(user)
        assert client.get(reverse("submissions:need_create")).status_code == 403
    client.force_login(office.officer_a)
    need = publish(office)
    client.post(reverse("submissions:need_act", args=[need.pk, "close"]))
    need.refresh_from_db()
    assert need.is_open


def test_an_officer_sees_the_need_on_the_overview_answers_it_and_another_unit_declines(client, office):
    need = publish(office, title="网络文明建设经验")
    client.force_login(office.officer_a)
    home = client.get(reverse("home")).content.decode()
    assert 'id="needs-card"' in home and "网络文明建设经验" in home
    form = client.get(reverse("submissions:create") + f"?need={need.pk}").content.decode()
    assert 'id="answering"' in form and 'value="routine"' not in form  # the need takes experience items only
    client.post(reverse("submissions:create") + f"?need={need.pk}", {
        "unit": office.county_a.pk, "category": "experience", "title": "甲县网络文明进万家", "body": "做法一。", "then": "submit"})
    item = Submission.objects.get(title="甲县网络文明进万家")
    assert item.need == need and item.state == "submitted"
    assert "网络文明建设经验" in client.get(reverse("submissions:detail", args=[item.pk])).content.decode()
    assert 'id="decline-form"' not in client.get(reverse("submissions:need", args=[need.pk])).content.decode()  # answered
    client.force_login(office.officer_b)
    assert "甲县网络文明进万家" not in client.get(reverse("submissions:need", args=[need.pk])).content.decode()
    client.post(reverse("submissions:need_act", args=[need.pk, "decline"]), {"unit": office.county_b.pk, "reason": "本区无此项工作"})
    client.force_login(office.editor)
    page = client.get(reverse("submissions:need", args=[need.pk])).content.decode()
    assert "甲县网络文明进万家" in page and "本区无此项工作" in page


def test_a_unit_not_asked_does_not_find_the_need(client, office):
    need = publish(office, units=[office.county_a])
    client.force_login(office.officer_b)
    assert client.get(reverse("submissions:need", args=[need.pk])).status_code == 404
    assert client.get(reverse("submissions:create") + f"?need={need.pk}").status_code == 404
    assert "needs-card" not in client.get(reverse("home")).content.decode()
    assert need.title not in client.get(reverse("submissions:needs")).content.decode()
    assert client.post(reverse("submissions:need_act", args=[need.pk, "decline"]), {"unit": office.county_b.pk, "reason": "x"}).status_code == 404


def test_needs_through_the_api(client, office, clock):
    clock.move_to(hours(-48), tick=False)
    need = publish(office)
    officer = bearer(office.officer_b)
    assert [n["title"] for n in client.get("/api/submissions/needs", **officer).json()] == [need.title]
    detail = client.get(f"/api/submissions/needs/{need.pk}", **officer).json()
    assert [(u["unit"], u["status"]) for u in detail["units"]] == [("乙区委宣传部", "pending")]
    created = client.post("/api/submissions", {"unit_id": office.county_b.pk, "category": "experience", "title": "乙区经验",
                                                "body": "做法。", "need_id": need.pk}, content_type="application/json", **officer)
    assert created.status_code == 201 and created.json()["need_id"] == need.pk
    refused = client.post(f"/api/submissions/needs/{need.pk}/decline", {"unit_id": office.county_b.pk, "reason": ""},
                          content_type="application/json", **officer)
    assert refused.status_code == 400
    declined = client.post(f"/api/submissions/needs/{need.pk}/decline", {"unit_id": office.county_b.pk, "reason": "无"},
                           content_type="application/json", **officer).json()
    assert declined["units"][0]["status"] == "declined"
    other = client.post(f"/api/submissions/needs/{need.pk}/decline", {"unit_id": office.county_a.pk, "reason": "无"},
                        content_type="application/json", **officer)
    assert other.status_code == 404
