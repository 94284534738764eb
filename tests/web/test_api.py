"""The REST API with token auth: documents, search, sources."""

from __future__ import annotations

import re

import pytest

from tests.documents.factories import store_texts
from yuqing.accounts.models import ApiToken, AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def auth(admin_user):
    _, raw = ApiToken.issue(admin_user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_token_required(client):
    assert client.get("/api/documents").status_code == 401
    assert client.get("/api/documents", HTTP_AUTHORIZATION="Bearer yq_wrong").status_code == 401


def test_search_documents(client, auth):
    store_texts(["永城化工厂起火", "商丘暴雨", "永城公交"])
    body = client.get("/api/documents", {"q": "永城 NOT 公交"}, **auth).json()
    assert body["total"] == 1 and body["items"][0]["text"] == "永城化工厂起火"


def test_bad_query_is_a_400_with_position(client, auth):
    response = client.get("/api/documents", {"q": "(永城"}, **auth)
    assert response.status_code == 400
    assert response.json()["position"] >= 0 and response.json()["detail_zh"]


def test_sources_crud_is_audited(client, auth):
    created = client.post("/api/sources", {"name": "示例", "kind": "feed", "url": "https://a.example/rss"},
                          content_type="application/json", **auth)
    assert created.status_code == 201
    source_id = created.json()["id"]
    assert client.patch(f"/api/sources/{source_id}", {"enabled": False}, content_type="application/json", **auth).json()["enabled"] is False
    assert client.post("/api/sources", {"kind": "feed", "url": "not a url"}, content_type="application/json", **auth).status_code == 400
    assert client.delete(f"/api/sources/{source_id}", **auth).status_code == 204
    assert list(AuditEntry.objects.order_by("at").values_list("action", flat=True)) == ["source.create", "source.update", "source.delete"]


def test_openapi_schema_and_docs_need_a_login(logged_client):
    from django.test import Client

    anonymous = Client()
    assert anonymous.get("/api/openapi.json").status_code == 302 and anonymous.get("/api/docs").status_code == 302
    schema = logged_client.get("/api/openapi.json").json()
    assert "/api/documents" in schema["paths"] and "/api/sources" in schema["paths"]


def test_api_docs_work_offline(logged_client):
    html = logged_client.get("/api/docs").content.decode()
    # every script and stylesheet from this server: no other host (a random CSRF token may hold "cdn")
    assert "/static/ninja/swagger-ui-bundle.js" in html and not re.search(r'(?:src|href)="(?:https?:)?//', html)
    assert logged_client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def test_the_bare_health_check_is_public_and_the_count_needs_a_login(logged_client):
    from django.test import Client

    assert Client().get("/healthz").json() == {"ok": True}
    assert logged_client.get("/healthz").json() == {"ok": True, "documents": 0}
