"""The sample office the role matrix test runs in: one user per role, and one object of each kind
that a page or endpoint takes as an argument (the `obj("name")` of yuqing/<app>/matrix.py).

The officer and the unit head belong to county A, whose items, officer file and follow-up task
are the samples; editors and the chief editor belong to the city office; analysts, duty officers,
leaders and administrators to no unit. The sample incident's lead group is the duty officer's.
A new kind of object a page needs: add it to `build()` under the name its rule uses.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from typing import Callable, Iterator

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from yuqing.accounts import matrix
from yuqing.accounts.matrix import SUBJECTS
from yuqing.accounts.models import ApiToken
from yuqing.accounts.roles import ensure_roles

WHEN = datetime(2026, 11, 3, 2, 0, tzinfo=timezone.utc)
# Each user's display name (the login is role_<role>): pages show these, never the logins.
NAMES = {"admin": "钱管理", "analyst": "孙分析", "duty_officer": "张值班", "officer": "林信息", "unit_head": "郑主任",
         "editor": "李编辑", "chief_editor": "周总编", "leader": "刘领导"}


def _users() -> dict:
    ensure_roles()
    users = {}
    for role in SUBJECTS[1:]:
        user = get_user_model().objects.create_user(f"role_{role}", f"{role}@office.example", "pw-role-matrix-1",
                                                    first_name=NAMES[role])
        user.groups.set([Group.objects.get(name=role)])
        users[role] = user
    return users


def _organisation(users: dict) -> dict:
    from yuqing.units import actions

    city = actions.create_unit(None, code="C", name="示例市委宣传部", kind="city")
    county = actions.create_unit(None, code="A", name="甲县委宣传部", kind="county", parent=city)
    for role in ("officer", "unit_head"):
        actions.set_membership(None, user=users[role], unit=county)
    for role in ("editor", "chief_editor"):
        actions.set_membership(None, user=users[role], unit=city)
    officer_file = actions.create_officer(None, name="张三", unit=county)
    training = actions.create_training(None, held_on=date(2026, 11, 5), topic="信息报送培训", invited=[officer_file])
    return {"unit": county, "city": city, "officer_file": officer_file, "training": training, "account": users["officer"]}


def _collected() -> dict:
    from tests.documents.factories import store_texts
    from yuqing.documents.models import Document, Event
    from yuqing.sources.models import QuarantinedRecord, Source

    source = Source.objects.create(name="示例源", kind="feed", url="https://news.example/rss")
    QuarantinedRecord.objects.create(source=source, reason="不是合法的 JSON", where="line 3", raw="{oops", fingerprint="q1")
    store_texts(["永城化工厂起火，消防到场处置", "商丘暴雨致道路积水"])
    document = Document.objects.order_by("pk").first()
    event = Event.objects.create(key="ev-sample", title="化工厂起火", first_seen=WHEN, last_seen=WHEN, size=1)
    Document.objects.filter(pk=document.pk).update(event_id=event.key)
    from yuqing.sources.models import ImportJob

    job = ImportJob.objects.create(source=source, file_name="posts.jsonl", status=ImportJob.Status.DONE)
    return {"source": source, "document": document, "event_key": event.key, "import_job": job}


def _monitoring(users: dict, document) -> dict:
    from yuqing.monitoring.models import Alert, Shift
    from yuqing.monitoring.schemes import RuleSpec, SchemeSpec, save_scheme

    scheme = save_scheme(users["analyst"], None, SchemeSpec(name="化工安全", mode="advanced", expression="化工",
                                                             rules=[RuleSpec(kind="every")]), now=WHEN)
    alert = Alert.objects.create(scheme=scheme, group_key=f"doc:{document.pk}",
                                 severity="high", title="化工厂起火", document_count=1)
    shift = Shift.objects.create(starts_at=WHEN, ends_at=WHEN + timedelta(hours=24), officer=users["duty_officer"])
    return {"scheme": scheme, "alert": alert, "shift": shift}


def _notifications(users: dict) -> dict:
    from yuqing.notifications.models import Channel, Delivery, Notification

    mine = {"my_notification": {}, "my_channel": {}, "my_delivery": {}}
    for role, user in users.items():
        mine["my_notification"][role] = Notification.objects.create(user=user, title="新预警", link="/monitoring/alerts/")
        channel = Channel.objects.create(user=user, name="我的邮箱", kind="email", target=user.email)
        mine["my_channel"][role] = channel
        mine["my_delivery"][role] = Delivery.objects.create(channel=channel, title="测试", status="failed")
    Channel.objects.create(name="办公室机器人", kind="webhook", target="https://robot.example/hook")
    return mine


def _reporting(users: dict, unit) -> dict:
    from yuqing.submissions import editing, instructions, workflow
    from yuqing.submissions.attachments import add_attachment

    officer = users["officer"]
    draft = editing.create_submission(officer, unit=unit, category="routine", title="草稿信息", body="正文。")
    draft_file = add_attachment(officer, draft, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 sample"))
    item = editing.create_submission(officer, unit=unit, category="routine", title="已报信息", body="正文。")
    attachment = add_attachment(officer, item, upload=SimpleUploadedFile("b.pdf", b"%PDF-1.4 sample"))
    workflow.submit(officer, item)
    sudden = editing.create_submission(officer, unit=unit, category="sudden", title="突发事件首报", body="正文。", event_at=WHEN)
    workflow.submit(officer, sudden)
    instruction = instructions.give_instruction(users["leader"], item, text="请跟进")
    task = instructions.create_task(users["leader"], instruction, unit=unit, description="核实情况")
    return {"draft": draft, "draft_attachment": draft_file, "submission": item, "attachment": attachment,
            "sudden": sudden, "task": task, **_need(users, unit)}


def _need(users: dict, unit) -> dict:
    from yuqing.submissions import needs
    from yuqing.units.models import Unit

    need = needs.publish_need(users["editor"], title="约稿：防汛宣传", wanted="各单位报送防汛宣传做法", due_at=WHEN + timedelta(days=30),
                              units=Unit.objects.filter(pk=unit.pk), categories=["routine"],
                              files=[SimpleUploadedFile("need.pdf", b"%PDF-1.4 need")])
    return {"need": need, "need_file": need.attachments.get()}


def _bulletin(users: dict) -> dict:
    from yuqing.bulletins import actions
    from yuqing.bulletins.models import Periodical

    periodical = Periodical.objects.create(name="示例宣传信息", issuing_unit="中共示例市委宣传部")
    return {"issue": actions.create_issue(users["editor"], periodical=periodical, year=2026)}


def _forwarding(users: dict, item) -> dict:
    from yuqing.forwarding import actions
    from yuqing.forwarding.models import HigherBody

    batch = actions.create_batch(users["editor"], body=HigherBody.objects.create(name="省委宣传部"), sender="示例市委宣传部")
    entry = batch.entries.create(submission=item, title=item.title, body=item.body, position=1)
    return {"batch": batch, "batch_entry": entry}


def _release(users: dict) -> dict:
    from yuqing.releases import actions

    release = actions.draft_release(users["editor"], title="关于化工厂火情的通报", issuer="示例市委宣传部", text="火情已得到控制。")
    return {"release": actions.sign(users["chief_editor"], release)}


def _incident(users: dict) -> dict:
    from yuqing.briefings import actions as briefings
    from yuqing.incidents import actions

    incident = actions.open_incident(users["duty_officer"], title="化工厂起火处置", description="示例")
    member = actions.add_member(users["duty_officer"], incident, user_id=users["analyst"].pk)
    task = actions.add_task(users["duty_officer"], incident, title="发布通报")
    briefing = briefings.generate_for_incident(users["duty_officer"], incident, base_url="http://testserver")
    return {"incident": incident, "incident_member": member, "incident_task": task, "briefing": briefing}


def build() -> tuple[dict, dict]:
    """(users by role, sample objects by name); a sample is an object, or a dict role → object."""
    users = _users()
    samples = _organisation(users)
    samples |= _collected()
    samples |= _monitoring(users, samples["document"])
    samples |= _notifications(users)
    samples |= _reporting(users, samples["unit"])
    samples |= _bulletin(users)
    samples |= _incident(users)
    samples |= _forwarding(users, samples["submission"])
    samples |= _release(users)
    return users, samples


def tokens(users: dict) -> dict[str, str]:
    return {role: ApiToken.issue(user, "matrix")[1] for role, user in users.items()}


@contextmanager
def opened(django_db_blocker, media, extend: Callable[[dict, dict], dict] | None = None) -> Iterator[dict]:
    """The sample office inside a transaction rolled back at the end (for a module-scoped fixture):
    users, samples, each role's session cookies and API token. `extend(users, samples)` adds more
    samples (a test's own data) before the sessions are made."""
    with django_db_blocker.unblock(), override_settings(
            MEDIA_ROOT=media, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            users, samples = build()
            if extend:
                samples |= extend(users, samples)
            yield {"users": users, "samples": samples, "clients": cookies(users), "tokens": tokens(users)}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def cookies(users: dict) -> dict[str, dict]:
    """Each role's session cookies (a request gets a fresh client with them: logging out must not stick)."""
    found = {"anonymous": {}}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        found[role] = {name: morsel.value for name, morsel in client.cookies.items()}
    return found


def _arg(value, subject: str, samples: dict):
    if not isinstance(value, matrix.Sample):
        return value
    found = samples[value.name]
    if isinstance(found, dict):  # one per user: the anonymous user tries the administrator's
        found = found.get(subject) or found["admin"]
    return found.pk if hasattr(found, "pk") else found


def url(rule: matrix.Rule, subject: str, samples: dict) -> str:
    """The address a rule's test request goes to, with the sample objects as arguments."""
    args = {name: _arg(value, subject, samples) for name, value in rule.args.items()}
    if isinstance(rule, matrix.ApiRule):
        return rule.path.format(**args)
    if rule.url_name == "admin:*":
        return reverse("admin:units_unit_change", args=[samples["unit"].pk])
    return reverse(rule.url_name, kwargs=args)
