"""Every page renders for a logged-in user, in Chinese by default and in English on request."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.documents.factories import store_texts
from yuqing.documents.models import Document
from yuqing.sources.models import QuarantinedRecord, Source

pytestmark = pytest.mark.django_db

PAGES = ["home", "documents:list", "sources:list", "sources:add", "sources:quarantine", "help:rules"]


@pytest.mark.parametrize("name", PAGES)
def test_pages_need_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_pages_render_in_chinese(logged_client, name):
    response = logged_client.get(reverse(name))
    assert response.status_code == 200
    assert 'lang="zh-hans"' in response.content.decode()


def test_english_is_switchable(logged_client):
    response = logged_client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert 'lang="en"' in html and "Latest documents" in html


def test_chinese_interface_is_translated(logged_client):
    html = logged_client.get(reverse("sources:list")).content.decode()
    assert "添加信息源" in html and "连续失败" in html


def test_document_list_search_and_detail(logged_client):
    store_texts(["永城化工厂起火", "商丘暴雨"])
    html = logged_client.get(reverse("documents:list"), {"q": "永城"}).content.decode()
    assert "<mark>永城</mark>化工厂起火" in html and "商丘暴雨" not in html  # the matched word is marked
    doc = Document.objects.get(text="永城化工厂起火")
    assert "永城化工厂起火" in logged_client.get(reverse("documents:detail", args=[doc.pk])).content.decode()


def test_bad_query_shows_where_it_breaks(logged_client):
    html = logged_client.get(reverse("documents:list"), {"q": "永城 AND ("}).content.decode()
    assert 'role="alert"' in html and "^" in html


def test_add_source_form_and_bad_input(logged_client):
    bad = logged_client.post(reverse("sources:add"), {"name": "x", "kind": "feed", "url": "ftp://x", "schedule_minutes": 5})
    assert bad.status_code == 200 and Source.objects.count() == 0
    good = logged_client.post(reverse("sources:add"), {"name": "示例", "kind": "feed", "url": "https://a.example/rss", "schedule_minutes": 5})
    assert good.status_code == 302 and Source.objects.get().name == "示例"


def test_failing_source_shows_its_reason(logged_client):
    source = Source.objects.create(name="坏源", kind="feed", url="https://b.example/rss", consecutive_failures=3,
                                   last_error="RobotsDisallowedError: robots.txt of b.example disallows /rss for yuqing",
                                   last_run_at="2026-11-01T00:00Z")
    html = logged_client.get(reverse("sources:list")).content.decode()
    assert "该网站的 robots.txt 声明此地址不允许采集。" in html and "health-failing" in html
    assert "disallows" not in html  # the technical text is on the source's page, folded
    detail = logged_client.get(reverse("sources:detail", args=[source.pk])).content.decode()
    assert "请尊重网站的声明" in detail and "技术细节" in detail and "disallows /rss" in detail


def test_quarantine_page_shows_reason_and_raw(logged_client):
    QuarantinedRecord.objects.create(reason="第3行：不是合法的 JSON", where="line 3", raw="{oops <script>", fingerprint="x")
    html = logged_client.get(reverse("sources:quarantine")).content.decode()
    assert "不是合法的 JSON" in html and "{oops &lt;script&gt;" in html


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_language_menu_names_each_language_in_itself(logged_client, language):
    """简体中文 and English in both interfaces (it once said 英语), each marked with its language."""
    logged_client.cookies["django_language"] = language
    html = logged_client.get(reverse("home")).content.decode()
    assert '<option value="zh-hans" lang="zh-hans"' in html and ">简体中文</option>" in html
    assert '<option value="en" lang="en"' in html and ">English</option>" in html and "英语" not in html
