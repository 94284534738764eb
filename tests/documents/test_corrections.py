"""Corrections that teach: who may correct, stored with who and when, kept when analysed again,
shown on the page, found by search, exported as training data that the trainers read."""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.documents.factories import store_texts
from yuqing.accounts.models import AuditEntry
from yuqing.analysis.evaluation.corrections_data import read_corrections
from yuqing.documents.analysis import AnalysisService
from yuqing.documents.corrections import correct_document, export
from yuqing.documents.models import Document, LabelCorrection
from yuqing.documents.search import count
from yuqing.errors import InputError

pytestmark = pytest.mark.django_db
CALM = "永城市今天下午一处仓库起火，消防正在处置"
WHEN = datetime(2026, 11, 3, 8, 0, tzinfo=timezone.utc)


def person(django_user_model, name: str, role: str | None):
    user = django_user_model.objects.create_user(name, f"{name}@office.example", "pw-for-tests-1")
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def calm_post():
    store_texts([CALM])
    doc = Document.objects.get()
    doc.sentiment, doc.risk, doc.risk_type, doc.risk_why = "neutral", 0, "", []
    doc.save()
    return doc


def test_a_duty_officer_corrects_and_the_correction_is_stored_with_who_and_when(calm_post, django_user_model):
    officer = person(django_user_model, "officer", "duty_officer")
    correction = correct_document(officer, calm_post, sentiment="negative", risk=1, risk_type="事故灾难", note="火情", now=WHEN)
    assert (correction.by, correction.at, correction.was) == (officer, WHEN, {"sentiment": "neutral", "risk": 0, "type": ""})
    doc = Document.objects.get()
    assert (doc.sentiment, doc.risk, doc.risk_type) == ("negative", 1, "事故灾难")
    assert AuditEntry.objects.filter(action="document.correct", actor=officer, target_id=str(correction.pk)).exists()
    assert count("risk:1 type:事故灾难") == 1 and count("sentiment:negative") == 1


@pytest.mark.parametrize("role", ["editor", "officer", None])
def test_other_roles_may_not_correct(calm_post, django_user_model, client, role):
    someone = person(django_user_model, "someone", role)
    with pytest.raises(InputError):
        correct_document(someone, calm_post, risk=1, risk_type="事故灾难")
    client.force_login(someone)
    assert client.post(reverse("documents:correct", args=[calm_post.pk]), {"risk": "1", "risk_type": "事故灾难"}).status_code == 403
    assert "correct-form" not in client.get(reverse("documents:detail", args=[calm_post.pk])).content.decode()
    assert not LabelCorrection.objects.exists()


def test_labels_that_make_no_sense_are_refused(calm_post, admin_user):
    with pytest.raises(InputError):
        correct_document(admin_user, calm_post)  # nothing to correct
    with pytest.raises(InputError):
        correct_document(admin_user, calm_post, risk=0, risk_type="事故灾难")
    with pytest.raises(InputError):
        correct_document(admin_user, calm_post, risk=1)  # a risk post needs a type, and this one had none
    assert not LabelCorrection.objects.exists()


def test_a_correction_survives_analysing_the_post_again(calm_post, admin_user):
    correct_document(admin_user, calm_post, sentiment="positive", risk=0)
    service = AnalysisService()
    service.ensure_pipeline()
    service.analyze([Document.objects.get()])
    doc = Document.objects.get()
    assert doc.analyzed_at is not None and (doc.sentiment, doc.risk, doc.risk_type, doc.risk_why) == ("positive", 0, "", [])
    correct_document(admin_user, doc, risk=1, risk_type="社会安全")  # the latest correction of a label wins
    service.analyze([Document.objects.get()])
    assert (Document.objects.get().sentiment, Document.objects.get().risk_type) == ("positive", "社会安全")


def test_the_page_shows_corrections_and_the_form_corrects(calm_post, django_user_model, client):
    analyst = person(django_user_model, "analyst1", "analyst")
    client.force_login(analyst)
    page = client.get(reverse("documents:detail", args=[calm_post.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "correct-form" in page and "更正" in page
    response = client.post(reverse("documents:correct", args=[calm_post.pk]), {"risk": "1", "risk_type": "事故灾难", "sentiment": ""})
    assert response.status_code == 302
    page = client.get(reverse("documents:detail", args=[calm_post.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "analyst1" in page and "事故灾难" in page and "风险信息" in page


def test_export_is_training_data_the_trainers_read(calm_post, admin_user, tmp_path):
    admin_user.first_name = "总管"
    admin_user.save()
    store_texts(["另一条未更正的帖子"])
    correct_document(admin_user, calm_post, sentiment="negative", now=WHEN)
    correct_document(admin_user, calm_post, risk=1, risk_type="事故灾难", now=WHEN.replace(hour=9))
    out = io.StringIO()
    assert export(out) == 1
    path = tmp_path / "corrections.jsonl"
    path.write_text(out.getvalue(), encoding="utf-8")
    [row] = read_corrections(path)
    assert row == {"id": calm_post.pk, "title": "", "text": CALM, "sentiment": "negative", "risk": 1, "type": "事故灾难",
                   "by": "总管", "at": "2026-11-03T09:00:00+00:00"}  # the name people see, not the login
    assert json.loads(out.getvalue())["text"] == CALM
