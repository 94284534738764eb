"""The overview fits the role (issue 12, item 5): the duty officer's watch, the editor's queue, the
leader's overview, the unit officer's month; each role sees its own cards and not the others'.
The sample office is tests/web/role_world.py (an alert waiting, a shift, submitted and sudden items
with their clocks, a leader's instruction with a task, an open incident)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from tests.web.test_role_matrix import world  # noqa: F401  (the module's sample office)

pytestmark = pytest.mark.django_db
CARDS = ("watch-card", "queue-card", "unit-card", "incidents-card", "leader-card", "people-card")
# role → the cards of its own work it sees, and a text each must show
EXPECTED = {
    "duty_officer": {"watch-card": "化工厂起火"},
    "editor": {"queue-card": "突发事件首报"},
    "chief_editor": {"queue-card": "已报信息"},
    "leader": {"incidents-card": "化工厂起火处置", "leader-card": "请跟进"},
    "officer": {"unit-card": "甲县委宣传部"},
    "unit_head": {"unit-card": "甲县委宣传部"},
    "analyst": {},
    "admin": {},
}


def _overview(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def _card(html: str, card: str) -> str:
    start = html.index(f'id="{card}"')
    return html[start:html.index("</section>", start)]


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_the_cards_of_its_own_work(world, role):
    html = _overview(world["users"][role])
    shown = {card for card in CARDS if f'id="{card}"' in html}
    assert shown == set(EXPECTED[role]), role
    for card, text in EXPECTED[role].items():
        assert text in _card(html, card), (role, card)


def test_the_watch_names_the_shift_and_puts_the_holders_alerts_first(world):
    duty, shift, alert = world["users"]["duty_officer"], world["samples"]["shift"], world["samples"]["alert"]
    assert "你正在值班" not in _card(_overview(duty), "watch-card")  # the sample shift is over
    with transaction.atomic():
        type(shift).objects.filter(pk=shift.pk).update(starts_at=timezone.now() - timedelta(hours=1),
                                                       ends_at=timezone.now() + timedelta(hours=5))
        type(alert).objects.filter(pk=alert.pk).update(assignee=duty)
        html = _card(_overview(duty), "watch-card")
        transaction.set_rollback(True)
    assert "你正在值班" in html and "你的" in html


def test_a_superuser_sees_no_role_card_but_is_told_about_accounts(world, admin_user):
    html = _overview(admin_user)
    assert 'id="queue-card"' not in html and 'id="unit-card"' not in html  # a superuser holds no role of its own
    assert 'id="people-card"' in html  # "boss" has no name: the administrator is told
    assert "没有姓名" in _card(html, "people-card")


def test_the_unit_card_lists_what_was_returned(world):
    from yuqing.submissions import workflow

    item, editor = world["samples"]["submission"], world["users"]["editor"]
    with transaction.atomic():
        workflow.take(editor, item)
        workflow.return_item(editor, item, reason="请补充数据")
        html = _card(_overview(world["users"]["officer"]), "unit-card")
        transaction.set_rollback(True)
    assert "已报信息" in html.split("退回修改的稿件")[1]
