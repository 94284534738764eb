"""Unit-scoped visibility: every page, API endpoint and export, as every role; no item of another unit appears.

The expectation is written out here independently of yuqing's access functions: officers see
their unit's items, a unit head the items of the unit and the units below, office-wide roles every
item that has left its unit (not drafts; but sudden-incident drafts and the office's own requests
too), and a unit tasked by a leader the item its task is about.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile

import pytest
from django.urls import get_resolver, reverse
from docx import Document
from openpyxl import load_workbook

from tests.submissions import scenario as scene
from yuqing.bulletins.api import router as bulletin_router
from yuqing.submissions.api import router as submission_router
from yuqing.submissions.models import Attachment, FollowUpTask, InformationNeed, NeedAttachment, NeedUnit, State, Submission
from yuqing.units.api import router as unit_router
from yuqing.units.models import Officer, Training, Unit

pytestmark = pytest.mark.django_db
POST_ONLY = {"act", "complete_task", "remove_attachment", "attendance", "need_act", "user_password", "user_deactivate",
             "user_activate"}
ROLES = ["officer_a", "officer_a1", "officer_b", "head_a", "editor", "chief", "leader", "admin"]


@pytest.fixture
def world(office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return office, scene.build(office, tmp_path)


def units_of(office, role: str) -> set[int] | None:
    """The units whose items (drafts too) the role works for; None: office-wide."""
    return {"officer_a": {office.county_a.pk}, "officer_a1": {office.township_a1.pk}, "officer_b": {office.county_b.pk},
            "head_a": {office.county_a.pk, office.township_a1.pk}}.get(role)


def may_see(office, world_scene, role: str, item: Submission) -> bool:
    own = units_of(office, role)
    if own is None:
        return item.state != State.DRAFT or item.category == "sudden" or item.requested_by_id is not None
    tasked = role == "officer_b" and item.pk == world_scene.tasked_item.pk
    return item.unit_id in own or tasked


def forbidden_markers(office, world_scene, role: str) -> list[str]:
    items = [i.title for i in Submission.objects.all() if not may_see(office, world_scene, role, i)]
    own = units_of(office, role)
    # An item the role may see names its author (a byline); other units' officers stay unseen.
    authors = {i.author_id for i in Submission.objects.all() if may_see(office, world_scene, role, i)}
    officers = [] if own is None else [o.name for o in Officer.objects.exclude(unit_id__in=own)
                                       if o.user_id not in authors]
    return items + officers + need_markers(own)


def need_markers(own: set[int] | None) -> list[str]:
    """A unit sees the needs that asked it and its own answer to them, not other units' answers."""
    if own is None:
        return []
    needs = [n.title for n in InformationNeed.objects.exclude(asked__unit_id__in=own)]
    files = [f"需求附件-{a.need.title[-1]}" for a in NeedAttachment.objects.exclude(need__asked__unit_id__in=own)]
    reasons = [r.declined_reason for r in NeedUnit.objects.exclude(unit_id__in=own).exclude(declined_reason="")]
    return needs + files + reasons


def body_text(response) -> str:
    if response.get("Content-Type", "").startswith("application/pdf"):
        return _pdf_text(response.content)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "wordprocessingml" in kind:
        return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(content))
        return "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c)
    return content.decode("utf-8", errors="replace")


def _pdf_text(data: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        return subprocess.run(["pdftotext", handle.name, "-"], capture_output=True, text=True, check=True).stdout


def page_urls(world_scene) -> list[str]:
    """Every GET page of the three apps, with every object id they take (and mismatched pairs)."""
    ids = {
        "submissions": [i.pk for i in Submission.objects.all()],
        "units": [u.pk for u in Unit.objects.all()], "officers": [o.pk for o in Officer.objects.all()],
        "trainings": [t.pk for t in Training.objects.all()], "issues": [i.pk for i in world_scene.issues],
        "needs": [n.pk for n in world_scene.needs],
    }
    urls = []
    for app in ("units", "submissions", "bulletins"):
        for pattern in get_resolver().namespace_dict[app][1].url_patterns:
            if pattern.name in POST_ONLY:
                continue
            urls += _expand(app, pattern.name, list(pattern.pattern.converters), ids)
    for extra in ("?format=xlsx", "?period=2026&format=xlsx", "?by=rate", "?q=标记", "?state=draft", "?overdue=1"):
        urls.append(reverse("submissions:ranking" if "format" in extra or "by" in extra else "submissions:list") + extra)
    urls.append(reverse("submissions:assessment") + "?year=2026&format=xlsx")
    urls.append(reverse("submissions:quotas") + "?month=2026-11")
    return urls


def _expand(app: str, name: str, params: list[str], ids: dict) -> list[str]:
    view = f"{app}:{name}"
    if not params:
        return [reverse(view)]
    if name == "need_file":
        return [reverse(view, kwargs={"pk": pk, "attachment_id": a.pk}) for a in NeedAttachment.objects.all()
                for pk in {a.need_id, ids["needs"][0], ids["needs"][-1]}]
    if name == "need":
        return [reverse(view, kwargs={"pk": pk}) for pk in ids["needs"]]
    if app == "submissions" and params == ["pk", "attachment_id"]:
        return [reverse(view, kwargs={"pk": pk, "attachment_id": a.pk}) for a in Attachment.objects.all()
                for pk in {a.submission_id, ids["submissions"][0], ids["submissions"][-1]}]
    if app == "bulletins":
        return [reverse(view, kwargs={"pk": pk, **({"kind": k} if "kind" in params else {})})
                for pk in ids["issues"] for k in (["docx", "pdf"] if "kind" in params else [None])]
    kind = ("officers" if name.startswith("officer") else "trainings" if name.startswith("training")
            else "units") if app == "units" else "submissions"
    return [reverse(view, kwargs={"pk": pk}) for pk in ids[kind]]


def api_urls(world_scene) -> list[str]:
    objects = {"submission_id": [i.pk for i in Submission.objects.all()], "issue_id": [i.pk for i in world_scene.issues],
               "unit_id": [u.pk for u in Unit.objects.all()], "kind": ["docx", "pdf"],
               "need_id": [n.pk for n in world_scene.needs]}
    urls = []
    for prefix, router in (("units", unit_router), ("submissions", submission_router), ("bulletins", bulletin_router)):
        for path, view in router.path_operations.items():
            if not any("GET" in op.methods for op in view.operations):
                continue
            urls += _fill(f"/api/{prefix}{path}", objects)
    return urls + ["/api/submissions/ranking?period=2026", "/api/submissions?q=标记"]


def _fill(path: str, objects: dict) -> list[str]:
    for name, values in objects.items():
        if "{" + name + "}" in path:
            return [u for value in values for u in _fill(path.replace("{" + name + "}", str(value)), objects)]
    return [path]


@pytest.mark.parametrize("role", ROLES)
def test_no_item_of_another_unit_appears_anywhere(client, world, role):
    office, world_scene = world
    user = getattr(office, role if role != "admin" else "admin")
    client.force_login(user)
    markers = forbidden_markers(office, world_scene, role)
    assert markers or units_of(office, role) is None
    visited = 0
    for url in page_urls(world_scene) + api_urls(world_scene):
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
        if response.status_code != 200:
            continue
        text = body_text(response)
        leaked = [m for m in markers if m in text]
        assert not leaked, f"{role} sees {leaked} on {url}"
        visited += 1
    assert visited > 40


@pytest.mark.parametrize("role", ROLES)
def test_visible_items_open_and_invisible_ones_are_not_found(client, world, role):
    office, world_scene = world
    client.force_login(getattr(office, role))
    for item in Submission.objects.all():
        page = client.get(reverse("submissions:detail", args=[item.pk]))
        api = client.get(f"/api/submissions/{item.pk}")
        expected = 200 if may_see(office, world_scene, role, item) else 404
        assert (page.status_code, api.status_code) == (expected, expected), (role, item.title)
        if expected == 200:
            assert item.title in page.content.decode()


@pytest.mark.parametrize("role", ["officer_a", "officer_b", "head_a", "leader"])
def test_actions_on_invisible_items_are_refused_and_change_nothing(client, world, role):
    office, world_scene = world
    client.force_login(getattr(office, role))
    for item in Submission.objects.all():
        if may_see(office, world_scene, role, item):
            continue
        before = (item.state, item.version)
        for verb in ("submit", "withdraw", "take", "return", "adopt", "instruct"):
            # refused, and answered as for an item that does not exist (403: the role may not do this at all)
            page = client.post(reverse("submissions:act", args=[item.pk, verb]), {"reason": "x", "text": "x"}).status_code
            api = client.post(f"/api/submissions/{item.pk}/{verb}", {"reason": "x"}, content_type="application/json").status_code
            missing_page = client.post(reverse("submissions:act", args=[99999, verb]), {"reason": "x"}).status_code
            missing_api = client.post(f"/api/submissions/99999/{verb}", {"reason": "x"}, content_type="application/json").status_code
            assert page == missing_page in (403, 404) and api == missing_api in (403, 404), (verb, page, api)
        patched = client.patch(f"/api/submissions/{item.pk}", {"title": "x"}, content_type="application/json").status_code
        assert patched == client.patch("/api/submissions/99999", {"title": "x"}, content_type="application/json").status_code
        assert patched in (403, 404)
        item.refresh_from_db()
        assert (item.state, item.version) == before
    for task in FollowUpTask.objects.exclude(unit_id__in=units_of(office, role) or []):
        if role != "leader" and not may_see(office, world_scene, role, task.instruction.submission):
            assert client.post(reverse("submissions:complete_task", args=[task.pk]), {"result": "x"}).status_code == 404
            assert FollowUpTask.objects.get(pk=task.pk).completed_at is None


def test_unit_users_see_no_bulletin_issue_and_office_users_see_both(client, world):
    office, world_scene = world
    for role, expected in (("officer_a", 403), ("head_a", 403), ("editor", 200), ("leader", 200)):
        client.force_login(getattr(office, role))
        assert client.get(reverse("bulletins:list")).status_code == expected
        issue = world_scene.issues[0]
        assert client.get(reverse("bulletins:export", args=[issue.pk, "docx"])).status_code == expected
