"""The organisation pages: import upload, roster editing with its history, trainings, who may change what."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yuqing.units import actions
from yuqing.units.models import Officer, Unit

pytestmark = pytest.mark.django_db


def test_import_page_reports_rows(client, office):
    client.force_login(office.editor)
    csv = "代码,名称,类型,上级代码\nN1,新县,县区,C\nN2,坏行,外星,C\n".encode("utf-8")
    html = client.post(reverse("units:import"), {"file": SimpleUploadedFile("u.csv", csv)}).content.decode()
    assert 'id="import-report"' in html and Unit.objects.filter(code="N1", parent=office.city).exists()
    assert "3" in html  # the row number of the bad line
    client.force_login(office.officer_a)
    assert client.get(reverse("units:import")).status_code == 403


def test_roster_editing_and_history_on_the_pages(client, office):
    client.force_login(office.head_a)
    response = client.post(reverse("units:officer_add"), {"name": "王五", "unit": office.township_a1.pk, "status": "active",
                                                           "post": "信息员"})
    officer = Officer.objects.get(name="王五")
    assert response.status_code == 302
    client.post(reverse("units:officer_edit", args=[officer.pk]), {"name": "王五", "unit": office.township_a1.pk,
                                                                    "status": "left", "post": "信息员"})
    html = client.get(reverse("units:officer", args=[officer.pk])).content.decode()
    assert "已离岗" in html and "active" in html and "left" in html  # the history shows old → new
    refused = client.post(reverse("units:officer_add"), {"name": "越权", "unit": office.county_b.pk, "status": "active"})
    assert refused.status_code == 200 and not Officer.objects.filter(name="越权").exists()  # not one of their units
    client.force_login(office.officer_a)
    assert client.get(reverse("units:officer_add")).status_code == 403


def test_training_attendance_page(client, office):
    officer = actions.create_officer(None, name="赵六", unit=office.county_a)
    training = actions.create_training(None, held_on="2026-11-03", topic="写作培训", invited=[officer])
    client.force_login(office.editor)
    client.post(reverse("units:attendance", args=[training.pk]), {f"status-{officer.pk}": "present"})
    assert training.attendance.get().status == "present"
    client.force_login(office.officer_b)
    assert "赵六" not in client.get(reverse("units:training", args=[training.pk])).content.decode()


def test_unit_tree_page(client, office):
    client.force_login(office.head_a)
    html = client.get(reverse("units:list")).content.decode()
    assert "甲县一镇" in html and "乙区委宣传部" not in html and 'class="tree-2"' in html
