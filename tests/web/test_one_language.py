"""One language on every page: every page the role matrix lists, as every role that may open it,
in Chinese (no stray English words) and in English (no Chinese left over).

The office is the role matrix's sample office (tests/web/role_world.py) with what a demo shows
besides: sources failing the way real ones fail (a name that does not resolve, an internal
address), an office robot that cannot be reached, documents and a comment with sentiment and
risk, a person's correction, rows a real import put in quarantine. The failures are stored by
the code that stores them in production (the collector, the delivery queue, the file reader),
so the test sees what a clerk sees. tests/web/page_text.py says what on a page counts as
interface text and what as data.

Pages are read with GET as every role (refusals included); forms are sent empty as the first
role that may send them, and the page they answer with or lead to (with its messages) is read.
"""

from __future__ import annotations

import ast
import socket
from pathlib import Path

import pytest
from django.test import Client

from tests.web import page_text, role_world
from yuqing.accounts import matrix

pytestmark = pytest.mark.django_db
LANGUAGES = ("zh-hans", "en")


def _refusing_resolver(host: str, port: int):
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


def _failing_sources() -> dict:
    from yuqing.collect.client import HttpClient
    from yuqing.collect.config import ClientConfig
    from yuqing.sources.collecting import collect_source
    from yuqing.sources.models import Source

    made = {}
    for name, url, resolver in (("示例新闻网订阅（将失败）", "https://news.demo.invalid/rss.xml", _refusing_resolver),
                                ("本机测试源（将被拒绝）", "http://localhost:8080/feed", lambda host, port: ["127.0.0.1"])):
        source = Source.objects.create(name=name, kind="feed", url=url)
        client = HttpClient(ClientConfig(max_retries=0), resolver=resolver)
        try:
            collect_source(source, client=client)
        finally:
            client.close()
        made[name] = source
    return {"failing_source": made["示例新闻网订阅（将失败）"]}


def _failing_channel() -> dict:
    import httpx
    from django.utils import timezone

    from yuqing.collect.addresses import AddressGuard
    from yuqing.collect.client import GuardedTransport
    from yuqing.notifications.delivery import attempt
    from yuqing.notifications.models import Channel, Delivery

    robot = Channel.objects.create(name="值班群机器人（将失败）", kind="wecom", min_severity="info",
                                   target="https://robot.demo.invalid/cgi-bin/webhook/send?key=demo")
    delivery = Delivery.objects.create(channel=robot, title="化工厂起火", body="示例预警", severity="high")
    with httpx.Client(transport=GuardedTransport(AddressGuard(resolver=_refusing_resolver), verify=True)) as client:
        attempt(delivery.pk, timezone.now(), client)
    return {"failing_channel": robot}


def _analysed_documents(users: dict, samples: dict) -> dict:
    """Documents with sentiment and risk, a comment with its own sentiment, a person's correction."""
    from tests.documents.factories import item
    from yuqing.analysis.risk_features import TYPES
    from yuqing.documents.corrections import correct_document
    from yuqing.documents.models import Document
    from yuqing.documents.store import store_batch

    store_batch([item(90, "市民点赞新建的滨河公园，环境优美", title="滨河公园受好评"),
                 item(91, "消防到场很快，点赞", kind="comment", parent_id=samples["document"].external_id)],
                samples["source"], None)
    accident = TYPES[1]  # the risk model's own name of the type (not typed here: it must be shown in words)
    labels = iter([("negative", 1, accident), ("neutral", 0, ""), ("positive", 0, ""), ("positive", 0, "")])
    for document in Document.objects.order_by("pk"):
        sentiment, risk, kind = next(labels, ("neutral", 0, ""))
        Document.objects.filter(pk=document.pk).update(sentiment=sentiment, sentiment_score=0.9, risk=risk,
                                                       risk_score=0.8 if risk else 0.1, risk_type=kind)
    correct_document(users["analyst"], Document.objects.get(pk=samples["document"].pk), sentiment="neutral",
                     note="系误报")
    return {}


def _quarantined_rows(samples: dict, folder: Path) -> dict:
    """Rows a real import refused, with the reasons the reader gives."""
    from yuqing.collect.files import read_records
    from yuqing.documents.store import store_batch

    path = folder / "posts.jsonl"
    path.write_text('{"id": "1", "text": "县城暴雨"}\n{oops\n{"id": "3"}\n[1, 2]\n', encoding="utf-8")
    store_batch(list(read_records(path)), samples["source"], None)
    return {}


def _demo_like(folder: Path):
    def extend(users: dict, samples: dict) -> dict:
        return (_failing_sources() | _failing_channel() | _analysed_documents(users, samples)
                | _quarantined_rows(samples, folder))
    return extend


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    extend = _demo_like(tmp_path_factory.mktemp("imports"))
    with role_world.opened(django_db_blocker, tmp_path_factory.mktemp("media"), extend=extend) as built:
        with django_db_blocker.unblock():
            built["data"] = _typed_data(built["users"])
        yield built


def _typed_data(users: dict) -> list[str]:
    """What the test typed in as data: the texts with Chinese in them that role_world.py and this
    file store (names, titles, posts), and the users' login names and addresses. Codes the test
    passes ("negative", "feed") are not data: a page must show them in words."""
    found = [f"{user.get_username()} {user.email}" for user in users.values()]
    for path in (Path(role_world.__file__), Path(__file__)):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and page_text.has_chinese(node.value):
                found.append(node.value)
    return found


def _pages() -> list[matrix.Rule]:
    """Every page a GET opens (the admin site is Django's own, translated by Django)."""
    return [rule for rule in matrix.rules() if isinstance(rule, matrix.PageRule) and rule.method in ("GET",)
            and not rule.url_name.startswith("api-")]


def _client(world: dict, subject: str, language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    for name, value in world["clients"][subject].items():
        client.cookies[name] = value
    client.cookies["django_language"] = language
    return client


def _wrong_words(world: dict, response) -> list[str]:
    if (300 <= response.status_code < 400 or response.streaming or "text/html" not in response.get("Content-Type", "")
            or not response.content):
        return []  # a redirect (to the login page, checked as a page of its own), a file
    return page_text.wrong_language(page_text.readable_texts(response.content.decode()), world["data"])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("rule", _pages(), ids=lambda rule: rule.url_name)
def test_every_page_is_in_one_language(world, rule, language):
    """Each role that may open the page sees it in one language (a refusal page included)."""
    problems = {}
    for subject in matrix.SUBJECTS:
        url = role_world.url(rule, subject, world["samples"])
        wrong = _wrong_words(world, _client(world, subject, language).get(url, data=rule.query))
        if wrong:
            problems[subject] = wrong
    assert not problems, problems


def _writes() -> list[matrix.Rule]:
    return [rule for rule in matrix.rules() if isinstance(rule, matrix.PageRule) and rule.method == "POST"
            and not rule.url_name.startswith(("api-", "admin:")) and rule.url_name != "set_language"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("rule", _writes(), ids=lambda rule: rule.url_name)
def test_what_a_form_answers_is_in_one_language(world, rule, language):
    """A form sent empty, as the first role that may send it: the page it answers with, and the
    messages on the page it leads to ("Signed off.", "this field is required"), are in one language.
    Each request is rolled back."""
    from django.db import transaction

    subject = next((s for s in matrix.SUBJECTS[1:] if matrix.passes_gate(rule, s)), "anonymous")
    url = role_world.url(rule, subject, world["samples"])
    with transaction.atomic():
        response = _client(world, subject, language).post(url, follow=True)
        wrong = _wrong_words(world, response)
        transaction.set_rollback(True)
    assert not wrong, (subject, wrong)
