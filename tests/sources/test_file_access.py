"""File sources read only from the import folders, only an administrator manages them, and nothing
about the server's files leaks through an error, the quarantine or the API."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.units.factories import make_user
from yuqing.accounts.models import ApiToken
from yuqing.documents.models import Document
from yuqing.sources import actions
from yuqing.sources.collecting import import_into
from yuqing.sources.import_paths import ImportPathRefused, refused, resolve_import_path
from yuqing.sources.models import QuarantinedRecord, Source

pytestmark = pytest.mark.django_db
SECRET_LINE = "root:x:0:0:secret-line-for-tests:/root:/bin/bash"


@pytest.fixture
def workspace(settings, tmp_path):
    """A workspace with its own files, an import folder with one good file, and a secret outside."""
    home = tmp_path / "ws"
    imports = home / "imports"
    imports.mkdir(parents=True)
    (home / "yuqing.sqlite3").write_text("SQLite format 3\x00 password hashes")
    (home / "yuqing.sqlite3-wal").write_text("wal pages")
    (home / "secret_key").write_text("not to be read")
    (home / "media").mkdir()
    (home / "media" / "attachment.txt").write_text("a unit's attachment")
    (imports / "posts.jsonl").write_text(json.dumps({"id": "p1", "text": "永城发布通报"}, ensure_ascii=False) + "\n")
    (tmp_path / "passwd").write_text(SECRET_LINE + "\n")
    settings.YUQING = dataclasses.replace(settings.YUQING, home=home, import_dirs=(imports,))
    settings.MEDIA_ROOT = home / "media"
    return home


@pytest.fixture
def admin(db):
    return make_user("file_admin", "admin")


@pytest.fixture
def officer(db):
    return make_user("plain_officer", "officer")


def test_a_file_in_the_import_folder_is_taken_by_name_or_path(workspace):
    expected = workspace / "imports" / "posts.jsonl"
    assert resolve_import_path("posts.jsonl") == expected
    assert resolve_import_path(str(expected)) == expected


@pytest.mark.parametrize("path", [
    "/etc/passwd", "../passwd", "../../passwd", "imports/../../passwd", "../yuqing.sqlite3", "../yuqing.sqlite3-wal",
    "../secret_key", "../media/attachment.txt", "missing.jsonl", "", "/nonexistent/x.jsonl", "posts.jsonl\x00",
])
def test_paths_outside_the_import_folder_are_refused_with_one_message(workspace, path):
    with pytest.raises(ImportPathRefused) as refusal:
        resolve_import_path(path)
    assert str(refusal.value) == str(refused())  # "missing" and "forbidden" cannot be told apart
    assert "passwd" not in str(refusal.value) and str(workspace) not in str(refusal.value)


def test_symlinks_are_judged_by_where_they_lead(workspace, tmp_path):
    imports = workspace / "imports"
    (imports / "out.jsonl").symlink_to(tmp_path / "passwd")
    (imports / "db.jsonl").symlink_to(workspace / "yuqing.sqlite3")
    (imports / "loop.jsonl").symlink_to(imports / "loop.jsonl")
    (tmp_path / "elsewhere.jsonl").symlink_to(imports / "posts.jsonl")
    for name in ("out.jsonl", "db.jsonl", "loop.jsonl"):
        with pytest.raises(ImportPathRefused):
            resolve_import_path(name)
    assert resolve_import_path(str(tmp_path / "elsewhere.jsonl")) == imports / "posts.jsonl"


def test_the_workspace_files_are_refused_even_when_the_import_folder_is_the_workspace(workspace, settings):
    settings.YUQING = dataclasses.replace(settings.YUQING, import_dirs=(workspace,))
    for name in ("yuqing.sqlite3", "yuqing.sqlite3-wal", "secret_key", "media/attachment.txt"):
        with pytest.raises(ImportPathRefused):
            resolve_import_path(name)
    assert resolve_import_path("imports/posts.jsonl") == workspace / "imports" / "posts.jsonl"


def test_only_an_administrator_adds_a_file_source(workspace, client, admin, officer, django_capture_on_commit_callbacks):
    client.force_login(officer)
    assert client.post(reverse("sources:add"), {"kind": "file", "url": "posts.jsonl", "schedule_minutes": 30}).status_code == 403
    assert client.get(reverse("sources:add")).status_code == 403
    client.force_login(admin)
    refused_page = client.post(reverse("sources:add"), {"kind": "file", "url": "/etc/passwd", "schedule_minutes": 30})
    assert refused_page.status_code == 200 and not Source.objects.exists()
    assert "/etc/passwd" not in refused_page.content.decode().split("<form")[0]
    added = client.post(reverse("sources:add"), {"kind": "file", "url": "posts.jsonl", "schedule_minutes": 30})
    source = Source.objects.get()
    assert added.status_code == 302 and source.url == str(workspace / "imports" / "posts.jsonl")
    with django_capture_on_commit_callbacks(execute=True):  # the queued collection runs after the commit
        client.post(reverse("sources:collect", args=[source.pk]))
    assert Document.objects.filter(text="永城发布通报").exists()


def test_the_api_refuses_file_sources_to_officers_and_paths_to_everyone(workspace, client, admin, officer):
    as_officer = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(officer, 't')[1]}"}
    as_admin = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(admin, 't')[1]}"}
    body = {"kind": "file", "url": "/etc/passwd"}
    assert client.post("/api/sources", body, content_type="application/json", **as_officer).status_code == 403
    assert client.post("/api/sources", {"kind": "feed", "url": "https://example.org/rss"}, content_type="application/json",
                       **as_officer).status_code == 403
    missing = client.post("/api/sources", {"kind": "file", "url": "/etc/no-such-file"}, content_type="application/json", **as_admin)
    forbidden = client.post("/api/sources", body, content_type="application/json", **as_admin)
    assert forbidden.status_code == missing.status_code == 400
    assert forbidden.json()["detail"] == missing.json()["detail"] and "passwd" not in forbidden.json()["detail"]
    created = client.post("/api/sources", {"kind": "file", "url": "posts.jsonl"}, content_type="application/json", **as_admin)
    assert created.status_code == 201
    source_id = created.json()["id"]
    assert client.get(f"/api/sources/{source_id}", **as_officer).json()["url"] == "posts.jsonl"  # the name, not the path
    assert client.delete(f"/api/sources/{source_id}", **as_officer).status_code == 403
    assert client.patch(f"/api/sources/{source_id}", {"enabled": False}, content_type="application/json", **as_officer).status_code == 403
    assert client.patch(f"/api/sources/{source_id}", {"url": "../passwd"}, content_type="application/json", **as_admin).status_code == 400
    assert Source.objects.get(pk=source_id).url.endswith("imports/posts.jsonl")


def test_a_file_swapped_for_a_symlink_after_saving_is_not_read(workspace, tmp_path, admin):
    source = actions.create_source(admin, name="", kind="file", url="posts.jsonl")
    target = workspace / "imports" / "posts.jsonl"
    target.unlink()
    target.symlink_to(tmp_path / "passwd")
    run = import_into(source)
    assert run.status == run.Status.FAILED and run.failure.reason == str(refused())
    assert not QuarantinedRecord.objects.exists() and not Document.objects.exists()


def test_a_source_saved_before_the_fix_cannot_read_the_server(workspace, client, admin, django_capture_on_commit_callbacks):
    legacy = Source.objects.create(name="old", kind="file", url="/etc/passwd", enabled=False)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sources:collect", args=[legacy.pk]))
    legacy.refresh_from_db()
    assert legacy.consecutive_failures == 1 and "passwd" not in legacy.last_error
    assert not QuarantinedRecord.objects.exists()


def test_the_quarantine_shows_raw_input_only_to_who_manages_the_source(workspace, client, admin, officer):
    (workspace / "imports" / "bad.jsonl").write_text("{not json: confidential-row}\n")
    import_into(actions.create_source(admin, name="", kind="file", url="bad.jsonl"))
    assert QuarantinedRecord.objects.count() == 1
    client.force_login(officer)
    assert "confidential-row" not in client.get(reverse("sources:quarantine")).content.decode()
    client.force_login(admin)
    assert "confidential-row" in client.get(reverse("sources:quarantine")).content.decode()


def test_officers_cannot_change_or_collect_web_sources(client, officer):
    source = Source.objects.create(name="feed", kind="feed", url="https://example.org/rss")
    client.force_login(officer)
    assert client.post(reverse("sources:toggle", args=[source.pk])).status_code == 403
    assert client.post(reverse("sources:collect", args=[source.pk])).status_code == 403
    source.refresh_from_db()
    assert source.enabled and source.last_run_at is None


def test_yuqing_import_refuses_the_databases_own_files(tmp_path):
    """The shell may import any file, except the workspace's own (reading the live database lost data)."""
    home, elsewhere = tmp_path / "ws", tmp_path / "db"
    elsewhere.mkdir()
    env = {**os.environ, "YUQING_HOME": str(home), "YUQING_DATABASE_URL": f"sqlite:///{elsewhere / 'y.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run = lambda *args: subprocess.run([sys.executable, "-m", "yuqing.cli", *args], env=env, capture_output=True, text=True, timeout=120)  # noqa: E731
    assert run("init").returncode == 0
    for name in (elsewhere / "y.sqlite3", elsewhere / "y.sqlite3-wal", home / "secret_key"):
        if not Path(name).exists():
            Path(name).write_text("x")
        refused_run = run("import", str(name))
        assert refused_run.returncode != 0 and "no such file" in refused_run.stderr, refused_run.stderr
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "g1", "text": "一条正常的帖子"}, ensure_ascii=False) + "\n")
    assert run("import", str(good)).returncode == 0
