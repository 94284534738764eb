"""Refusals and errors speak the reader's language, say who may, and log one line (issue 12, items 2 and 10)."""

from __future__ import annotations

import io
import logging

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from yuqing.accounts.roles import ensure_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(django_user_model):
    ensure_roles()
    user = django_user_model.objects.create_user("officer_x", "", "pw-for-tests-1")
    user.groups.set([Group.objects.get(name="officer")])
    return user


@pytest.fixture
def django_log():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("django")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


def test_a_refused_page_says_who_may_open_it_in_chinese(client, officer):
    client.force_login(officer)
    response = client.get("/sources/add/")
    html = response.content.decode()
    assert response.status_code == 403 and 'lang="zh-hans"' in html
    assert "不适用于你的角色" in html and "管理员、舆情分析员" in html and "Forbidden" not in html


def test_a_refused_page_in_english(client, officer):
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    html = client.get("/sources/add/").content.decode()
    assert "Not for your role" in html and "Administrator, Analyst" in html


def test_a_refusal_is_logged_in_one_line(client, officer, django_log):
    client.force_login(officer)
    assert client.get("/sources/add/").status_code == 403
    assert client.get("/no/such/page/").status_code == 404
    lines = django_log.getvalue().splitlines()
    assert lines == ["Forbidden (Permission denied): /sources/add/", "Not Found: /no/such/page/"]


def test_a_server_error_keeps_its_traceback():
    from yuqing.web.log_filters import ClientErrorsInOneLine

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        import sys

        info = sys.exc_info()
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: /x/", (), info)
    record.status_code = 500
    assert ClientErrorsInOneLine().filter(record) and record.exc_info is info


def test_missing_page_and_expired_form_pages_are_chinese(client):
    missing = client.get("/no/such/page/").content.decode()
    assert 'lang="zh-hans"' in missing and "此地址没有内容" in missing and "Not Found" not in missing
    strict = Client(enforce_csrf_checks=True)
    expired = strict.post("/login/", {"username": "x", "password": "y"})
    assert expired.status_code == 403 and "表单已过期" in expired.content.decode()
