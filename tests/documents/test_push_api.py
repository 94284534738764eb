"""POST /api/documents: ingest-scoped tokens only, per-record results, idempotent retries,
413 before reading an oversized body, 429 when the queue is full, nothing dropped silently."""

from __future__ import annotations

import dataclasses
import json

import pytest

from yuqing.accounts.models import ApiToken
from yuqing.cli import main
from yuqing.documents.models import Document
from yuqing.sources.models import QuarantinedRecord, Source

pytestmark = pytest.mark.django_db
URL = "/api/documents"
GOOD = [
    {"id": "p1", "text": "演示：县里发布暴雨预警", "site": "weibo.com", "created_at": "2026-11-20 08:00", "likes": "1.2万",
     "ip_location": "IP属地：河南", "platform": "微博", "account_kind": "政务"},
    {"url": "https://news.example.cn/a/1?utm_source=x", "title": "演示：防汛通知", "text": "正文", "site": "news.example.cn"},
]


@pytest.fixture
def ingest_token(admin_user) -> str:
    return ApiToken.issue(admin_user, "collector", scope="ingest")[1]


def _post(client, token: str, body, content_type: str = "application/json", **extra):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body, ensure_ascii=False)
    return client.generic("POST", URL, data, content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {token}", **extra)


def _limits(settings, **changes) -> None:
    settings.YUQING = dataclasses.replace(settings.YUQING, **changes)


def test_a_batch_is_stored_with_every_field_and_a_retry_adds_nothing(client, ingest_token):
    first = _post(client, ingest_token, GOOD)
    assert first.status_code == 200, first.content
    body = first.json()
    assert (body["stored"], body["duplicate"], body["quarantined"]) == (2, 0, 0)
    assert [r["status"] for r in body["results"]] == ["stored", "stored"] and body["results"][0]["id"] == "p1"
    doc = Document.objects.get(external_id="p1")
    assert (doc.likes, doc.ip_location, doc.platform, doc.account_kind) == (12000, "河南", "weibo", "government")
    assert doc.source.kind == Source.Kind.PUSH
    again = _post(client, ingest_token, GOOD).json()  # the client retried after a timeout
    assert (again["stored"], again["duplicate"]) == (0, 2) and Document.objects.count() == 2


def test_half_bad_batch_good_half_stored_bad_half_quarantined_with_reasons(client, ingest_token):
    batch = [GOOD[0], "not an object", {"id": "p9", "created_at": "yesterday-ish", "text": "时间坏了"}, GOOD[1], {"id": "p10"}]
    body = _post(client, ingest_token, batch).json()
    assert [r["status"] for r in body["results"]] == ["stored", "quarantined", "quarantined", "stored", "quarantined"]
    assert "expected a JSON object" in body["results"][1]["reason"]
    assert "created_at" in body["results"][2]["reason"] and "neither title nor text" in body["results"][4]["reason"]
    assert Document.objects.count() == 2 and QuarantinedRecord.objects.count() == 3


def test_ndjson_with_a_broken_line(client, ingest_token):
    lines = json.dumps(GOOD[0], ensure_ascii=False) + "\n{broken\n" + json.dumps(GOOD[1], ensure_ascii=False) + "\n"
    body = _post(client, ingest_token, lines, content_type="application/x-ndjson").json()
    assert [r["status"] for r in body["results"]] == ["stored", "quarantined", "stored"]
    assert "not valid JSON" in body["results"][1]["reason"]


def test_malformed_json_stores_nothing(client, ingest_token):
    response = _post(client, ingest_token, '[{"id": "p1", "text": "x"},')
    assert response.status_code == 400 and "JSON" in response.json()["detail"]
    assert Document.objects.count() == 0


def test_oversized_body_refused_on_content_length_before_reading(client, ingest_token, settings):
    _limits(settings, ingest_max_bytes=1000)
    # The declared length is far beyond the 20 bytes sent: reading the body would fail the request.
    response = _post(client, ingest_token, b'[{"id":"1","text":"x"}]'[:20], CONTENT_LENGTH="50000000")
    assert response.status_code == 413
    big = [{"id": str(n), "text": "长" * 50} for n in range(20)]
    assert _post(client, ingest_token, big).status_code == 413 and Document.objects.count() == 0
    _limits(settings, ingest_max_bytes=10**6, ingest_max_records=5)
    assert _post(client, ingest_token, big).status_code == 400


def test_queue_full_answers_429_with_retry_after_and_stores_nothing(client, ingest_token, settings):
    _post(client, ingest_token, GOOD[:1])  # one document waiting for analysis (tests do not analyse on store)
    _limits(settings, ingest_max_backlog=0)
    response = _post(client, ingest_token, GOOD[1:])
    assert response.status_code == 429 and response["Retry-After"] == "30"
    assert Document.objects.count() == 1


def test_tokens(client, admin_user, ingest_token):
    assert _post(client, "yq_not-a-token", GOOD).status_code == 401
    full = ApiToken.issue(admin_user, "reader")[1]
    refused = _post(client, full, GOOD)
    assert refused.status_code == 403 and "ingest" in refused.json()["detail"]
    # the ingest token opens nothing else: not even reading documents back
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {ingest_token}").status_code == 401
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {full}").status_code == 200
    client.force_login(admin_user)  # a browser session cannot push either
    assert client.generic("POST", URL, json.dumps(GOOD), content_type="application/json").status_code == 401
    assert Document.objects.count() == 0


def test_mediacrawler_rows_through_the_push_api(client, ingest_token):
    rows = [{"comment_id": "9", "note_id": "5100", "content": "评论推送", "create_time": 1763600000, "parent_comment_id": "0",
             "ip_location": "来自湖北"}]
    response = client.generic("POST", URL + "?format=mediacrawler&platform=weibo&kind=comments", json.dumps(rows),
                              content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {ingest_token}")
    assert response.json()["stored"] == 1
    comment = Document.objects.get()
    assert (comment.kind, comment.root_ref, comment.ip_location, comment.site) == ("comment", "5100", "湖北", "weibo.com")


def test_createtoken_prints_an_ingest_token(admin_user, capsys):
    assert main(["createtoken", admin_user.username, "--scope", "ingest", "--name", "crawler"]) == 0
    raw = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(name="crawler")
    assert raw.startswith("yq_") and token.scope == "ingest"


def test_nul_characters_are_dropped_so_the_whole_batch_stores_on_either_database(client, ingest_token, tmp_path):
    """PostgreSQL stores no NUL in text or jsonb: one NUL used to roll back the batch, good records with it."""
    from yuqing.sources.collecting import import_into

    nul = {"id": "n\u00001", "title": "标\u0000题", "text": "暴雨\u0000预警", "author": "网\u0000友", "site": "weibo.com",
           "extra\u0000key": ["\u0000", {"deep": "a\u0000b"}, "\\u0000 stays as written"]}
    body = _post(client, ingest_token, [GOOD[0], nul, "not an object \u0000", GOOD[1]]).json()
    assert [r["status"] for r in body["results"]] == ["stored", "stored", "quarantined", "stored"]
    doc = Document.objects.get(external_id="n1")
    assert (doc.title, doc.text, doc.author) == ("标题", "暴雨预警", "网友")
    assert doc.raw["extrakey"] == ["", {"deep": "ab"}, "\\u0000 stays as written"]
    assert "\x00" not in QuarantinedRecord.objects.get().raw
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps({"id": "f1", "text": "文件\u0000导入"}) + "\n" + json.dumps({"id": "f2", "text": "第二条"}) + "\n")
    source = Source.objects.create(name="f", kind="file", url=str(path), enabled=False)
    assert import_into(source, any_folder=True).items_new == 2
    assert Document.objects.get(external_id="f1").text == "文件导入"


def test_nul_characters_in_api_text_fields_are_dropped(client, admin_user):
    _, token = ApiToken.issue(admin_user, "test")
    created = client.post("/api/monitoring/schemes", {"name": "火\u0000情", "mode": "advanced", "expression": "永城\u0000 AND 起火"},
                          content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert created.status_code == 201, created.content
    assert created.json()["name"] == "火情"
    assert client.get("/api/documents?q=%00永城", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_a_record_over_the_size_limit_is_quarantined_and_the_rest_stored(client, ingest_token, settings, tmp_path):
    from yuqing.sources.collecting import import_into

    _limits(settings, max_record_chars=100)
    huge = {"id": "big", "title": "标题", "text": "长" * 99, "site": "weibo.com"}
    body = _post(client, ingest_token, [GOOD[0], huge, GOOD[1]]).json()
    assert [r["status"] for r in body["results"]] == ["stored", "quarantined", "stored"]
    assert "101 characters" in body["results"][1]["reason"] and "YUQING_MAX_RECORD_CHARS (100)" in body["results"][1]["reason"]
    assert not Document.objects.filter(external_id="big").exists()
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ({"id": "f1", "text": "好"}, {"id": "f2", "text": "长" * 101},
                                                                           {"id": "f3", "text": "好"})) + "\n", encoding="utf-8")
    source = Source.objects.create(name="f", kind="file", url=str(path), enabled=False)
    run = import_into(source, any_folder=True)
    assert (run.items_new, run.items_rejected) == (2, 1)
    reject = QuarantinedRecord.objects.get(source=source)
    assert reject.where == "line 2" and "YUQING_MAX_RECORD_CHARS" in reject.reason and '"f2"' in reject.raw
