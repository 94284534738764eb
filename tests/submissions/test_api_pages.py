"""The workflow through the API (token auth, 409 for an illegal step, 400 for bad input) and the pages' forms."""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.submissions.helpers import new_item
from yuqing.accounts.models import ApiToken
from yuqing.submissions.models import Quota, Submission

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, 'test')[1]}"}


def test_the_workflow_through_the_api(client, office, clock):
    clock.move_to(datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI), tick=False)  # adopted in November: its ranking counts it
    officer, editor = bearer(office.officer_a), bearer(office.editor)
    created = client.post("/api/submissions", {"unit_id": office.county_a.pk, "category": "sudden", "title": "突发：某路段塌陷",
                                                "body": "现场已封闭。", "event_at": "2026-11-26T09:00:00+08:00"},
                          content_type="application/json", **officer)
    assert created.status_code == 201, created.content
    item_id = created.json()["id"]
    assert client.post(f"/api/submissions/{item_id}/adopt", {}, content_type="application/json", **editor).status_code == 409  # a draft
    assert client.post(f"/api/submissions/{item_id}/submit", {}, content_type="application/json", **officer).json()["state"] == "submitted"
    assert client.get(f"/api/submissions/{item_id}/actions", **editor).json() == ["close_event", "take"]
    assert client.post(f"/api/submissions/{item_id}/take", {}, content_type="application/json", **editor).json()["holder"] == "editor"
    refused = client.post(f"/api/submissions/{item_id}/return", {"reason": ""}, content_type="application/json", **editor)
    assert refused.status_code == 400
    illegal = client.post(f"/api/submissions/{item_id}/sign_off", {}, content_type="application/json", **editor)
    assert illegal.status_code == 403 and illegal.json()["detail"]  # the role matrix: editors do not sign off
    assert client.post(f"/api/submissions/{item_id}/return", {"reason": "补充"}, content_type="application/json",
                       **editor).json()["state"] == "returned"
    patched = client.patch(f"/api/submissions/{item_id}", {"body": "现场已封闭，无人员伤亡。"}, content_type="application/json", **officer)
    assert patched.json()["version"] == 2
    client.post(f"/api/submissions/{item_id}/submit", {}, content_type="application/json", **officer)
    client.post(f"/api/submissions/{item_id}/take", {}, content_type="application/json", **editor)
    assert client.post(f"/api/submissions/{item_id}/adopt", {"level": "city"}, content_type="application/json",
                       **editor).json()["state"] == "adopted"
    deadlines = client.get("/api/submissions/deadlines", **officer).json()
    assert {d["stage"] for d in deadlines} == {"first", "followup"}
    ranking = client.get("/api/submissions/ranking", {"period": "2026-11"}, **editor).json()
    assert ranking["period"] == "2026年11月" and any(r["adopted"] == 1 for r in ranking["units"])
    assert client.get("/api/submissions/ranking", {"period": "nonsense"}, **editor).status_code == 400
    assert client.get("/api/submissions", **bearer(office.officer_b)).json() == []


def test_create_edit_and_submit_through_the_pages(client, office):
    client.force_login(office.officer_a)
    response = client.post(reverse("submissions:create"), {"unit": office.county_a.pk, "category": "routine",
                                                           "title": "页面报送", "body": "第一段\n第二段", "then": "submit"})
    item = Submission.objects.get(title="页面报送")
    assert response.status_code == 302 and item.state == "submitted" and item.body == "<p>第一段</p><p>第二段</p>"
    assert client.get(reverse("submissions:edit", args=[item.pk])).status_code == 403  # submitted: not editable
    client.post(reverse("submissions:act", args=[item.pk, "withdraw"]))
    client.post(reverse("submissions:edit", args=[item.pk]), {"category": "routine", "title": "页面报送（改）", "body": "改后"})
    item.refresh_from_db()
    assert (item.state, item.title, item.version) == ("draft", "页面报送（改）", 2)
    diff = client.get(reverse("submissions:diff", args=[item.pk]), {"a": 1, "b": 2}).content.decode()
    assert "<del>" in diff and "<ins>（改）</ins>" in diff
    bad = client.post(reverse("submissions:create"), {"unit": office.county_b.pk, "category": "routine", "title": "x"})
    assert bad.status_code == 200 and not Submission.objects.filter(title="x").exists()  # not their unit: not a choice


def test_attach_link_and_download_through_the_pages(client, office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = new_item(office)
    client.force_login(office.officer_a)
    client.post(reverse("submissions:act", args=[item.pk, "attach"]), {"file": SimpleUploadedFile("说明.txt", "附件内容".encode())})
    attachment = item.attachments.get()
    download = client.get(reverse("submissions:attachment", args=[item.pk, attachment.pk]))
    assert b"".join(download.streaming_content).decode() == "附件内容" and "attachment" in download["Content-Disposition"]
    refused = client.post(reverse("submissions:act", args=[item.pk, "attach"]), {"file": SimpleUploadedFile("x.exe", b"MZ")}, follow=True)
    assert "exe" in refused.content.decode() and item.attachments.count() == 1
    client.force_login(office.officer_b)
    assert client.get(reverse("submissions:attachment", args=[item.pk, attachment.pk])).status_code == 404


def test_rankings_assessment_and_quotas_pages(client, office):
    client.force_login(office.editor)
    xlsx = client.get(reverse("submissions:ranking"), {"period": "2026-Q4", "format": "xlsx"})
    assert load_workbook(io.BytesIO(xlsx.content))["单位排名"]["A1"].value == "2026年第4季度信息报送情况通报（单位）"
    assert "不是有效的期间" in client.get(reverse("submissions:ranking"), {"period": "bad"}).content.decode()
    assert client.get(reverse("submissions:assessment"), {"year": "2026", "format": "xlsx"}).status_code == 200
    client.post(reverse("submissions:quotas"), {"month": "2026-11", f"submit-{office.county_a.pk}": "5", f"adopt-{office.county_a.pk}": "2"})
    assert Quota.objects.get(unit=office.county_a, month=11).submit_target == 5
    client.force_login(office.officer_a)
    assert client.post(reverse("submissions:quotas"), {"month": "2026-11"}).status_code == 403
    page = client.get(reverse("submissions:quotas"), {"month": "2026-11"}).content.decode()
    assert "甲县委宣传部" in page and "乙区委宣传部" not in page


def test_english_pages(client, office):
    client.force_login(office.editor)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("submissions:review")).content.decode()
    assert "Review queue" in html and 'lang="en"' in html
