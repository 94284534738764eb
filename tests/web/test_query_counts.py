"""The number of database queries a page makes does not grow with the rows it lists (issue 11).

Each main page is opened as the roles that use it, in the sample office (role_world) with a few
rows of every kind, then again after many more rows of every kind were added: documents, alerts,
schemes' matches, incidents with members and tasks, submissions, information needs, notifications,
sources, officers, shifts, briefings. A page that loads something per listed row (an N+1) makes
more queries the second time and fails here; the bound says how many a page may make at all.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.web import role_world

pytestmark = pytest.mark.django_db

# page → the roles that open it (the pages people keep open, and the dashboard's figures)
PAGES = {
    "/": ("admin", "analyst", "duty_officer", "officer", "unit_head", "editor", "chief_editor", "leader"),
    "/briefings/dashboard.json": ("admin", "officer", "editor", "leader"),
    "/documents/": ("analyst", "officer"),
    "/documents/?q=%E8%B5%B7%E7%81%AB": ("analyst",),
    "/monitoring/alerts/": ("duty_officer", "analyst", "leader"),
    "/monitoring/": ("analyst",),
    "/monitoring/duty/": ("duty_officer", "admin"),
    "/incidents/": ("duty_officer", "officer", "leader"),
    "/incidents/{incident}/": ("duty_officer", "leader"),
    "/submissions/": ("officer", "unit_head", "editor", "leader"),
    "/submissions/needs/": ("officer", "editor"),
    "/briefings/": ("analyst", "leader"),
    "/sources/": ("analyst",),
    "/units/": ("editor", "admin"),
    "/notifications/": ("officer", "duty_officer"),
    "/notifications/channels/": ("admin",),
}
MOST = 60  # no page needs more than this many queries, whatever it lists
MORE = 12  # rows of each kind added between the two counts


def _grow(users: dict, samples: dict, start: int, count: int) -> None:
    """`count` more rows of every kind the pages list, numbered from `start`."""
    from yuqing.collect.items import CollectedItem
    from yuqing.documents.models import Document
    from yuqing.documents.store import store_batch
    from yuqing.incidents.models import LinkedDocument
    from yuqing.incidents import actions as incidents
    from yuqing.monitoring.models import Alert, AlertDocument, Shift
    from yuqing.notifications.models import Notification
    from yuqing.sources.models import Source
    from yuqing.submissions import editing, needs, workflow
    from yuqing.units import actions as units
    from yuqing.units.models import Unit

    numbers = range(start, start + count)
    now = timezone.now()
    store_batch([CollectedItem(external_id=f"grow{n}", text=f"第{n}号：永城化工厂起火，消防到场处置", site=f"s{n}.example",
                               published_at=now - timedelta(minutes=n)) for n in numbers], None, None)
    for n in numbers:
        document = Document.objects.get(external_id=f"grow{n}")
        # one more site in the sample incident's documents (its timeline lists the sites)
        LinkedDocument.objects.create(incident=samples["incident"], document=document)
        alert = Alert.objects.create(scheme=samples["scheme"], group_key=f"grow:{n}", severity="high",
                                     title=f"化工厂起火 {n}", document_count=1, assignee=users["duty_officer"])
        AlertDocument.objects.create(alert=alert, document=document)
        incident = incidents.open_incident(users["duty_officer"], title=f"处置 {n}", document_ids=[document.pk])
        incidents.add_member(users["duty_officer"], incident, user_id=users["officer"].pk)
        incidents.add_task(users["duty_officer"], incident, title=f"任务 {n}", owner_id=users["officer"].pk)
        item_ = editing.create_submission(users["officer"], unit=samples["unit"], category="routine", title=f"信息 {n}",
                                          body="正文。")
        workflow.submit(users["officer"], item_)
        needs.publish_need(users["editor"], title=f"约稿 {n}", wanted="做法", due_at=now + timedelta(days=30),
                           units=Unit.objects.filter(pk=samples["unit"].pk), categories=["routine"], files=[])
        for user in users.values():
            Notification.objects.create(user=user, title=f"新预警 {n}", link="/monitoring/alerts/")
        Source.objects.create(name=f"源 {n}", kind="feed", url=f"https://news{n}.example/rss")
        units.create_officer(None, name=f"信息员{n}", unit=samples["unit"])
        day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(hours=n % 24)
        Shift.objects.create(starts_at=day, ends_at=day + timedelta(hours=1), officer=users["duty_officer"],
                             backup=users["analyst"], leader=users["leader"])


def _count(cookies: dict, path: str, samples: dict) -> int:
    path = path.format(incident=samples["incident"].pk)
    client = Client()
    for name, value in cookies.items():
        client.cookies[name] = value
    client.get(path)  # once before counting: what a process loads once is not the page's cost
    cache.clear()  # but what is kept for a few seconds is (the dashboard's office-wide figures)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


def test_queries_per_page_do_not_grow_with_rows(django_db_blocker, tmp_path, clock):
    # 20:00 in the office: the grown shifts (00:00-15:00) have ended, so "now" is in none of them before
    # or after (a shift on now shows its hand-over notes: one query, whatever the time of the run)
    clock.move_to(datetime(2026, 6, 15, 20, 0, tzinfo=ZoneInfo(settings.TIME_ZONE)), tick=True)
    with role_world.opened(django_db_blocker, tmp_path) as world:
        users, samples, cookies = world["users"], world["samples"], world["clients"]
        _grow(users, samples, 0, 3)
        before = {(path, role): _count(cookies[role], path, samples) for path, roles in PAGES.items() for role in roles}
        _grow(users, samples, 3, MORE)
        after = {(path, role): _count(cookies[role], path, samples) for path, roles in PAGES.items() for role in roles}
    grew = {key: (before[key], after[key]) for key in before if after[key] > before[key]}
    assert not grew, f"queries grew with {MORE} more rows of each kind (page, role): (before, after) {grew}"
    too_many = {key: count for key, count in after.items() if count > MOST}
    assert not too_many, f"pages over {MOST} queries: {too_many}"
