"""People appear by their names, never by their logins (issue 12, item 3).

The sample office's users all have display names (role_world.NAMES); every page a role may open is read, and
no login (role_officer, role_leader, …) may appear in it, except on the pages whose subject is
the account itself (the user pages, lockouts, an officer's login account, Django's admin).
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from tests.web.test_role_matrix import _url, world  # noqa: F401  (world: the module's sample office)
from yuqing.accounts import matrix
from yuqing.accounts.people import person_name, person_unit

pytestmark = pytest.mark.django_db

# Pages about accounts, where the login is the thing shown or managed.
ACCOUNT_PAGES = ("account:", "admin:", "units:officer", "units:users", "units:user")
ROLES_READ = ("admin", "officer", "duty_officer", "leader")


def _page_rules() -> list:
    return [rule for rule in matrix.rules() if isinstance(rule, matrix.PageRule) and rule.method in ("GET", "*")
            and not rule.url_name.startswith(ACCOUNT_PAGES) and rule.who != matrix.STAFF]


def test_no_page_shows_a_login(world):
    logins = {user.get_username() for user in world["users"].values()}
    seen, found = 0, {}
    for role in ROLES_READ:
        client = Client()
        client.force_login(world["users"][role])
        for rule in _page_rules():
            if matrix.expected(rule, role) != 200:
                continue
            with transaction.atomic():
                response = client.get(_url(rule, role, world["samples"]), rule.query)
                transaction.set_rollback(True)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            seen += 1
            shown = sorted(login for login in logins if login in response.content.decode())
            if shown:
                found[f"{role} {rule.url_name}"] = shown
    assert seen > 100  # the pages were read
    assert not found, f"logins shown instead of names: {found}"


def test_names_are_shown_where_people_act(world):
    """The duty roster, an alert's holder, a submission's author and an incident's lead group name people."""
    client = Client()
    client.force_login(world["users"]["admin"])
    assert "张值班" in client.get("/monitoring/duty/").content.decode()
    assert "林信息" in client.get("/submissions/").content.decode()
    incident = client.get(_url(matrix.page_rules("incidents:detail", "GET")[0], "admin", world["samples"])).content.decode()
    assert "张值班" in incident and "孙分析" in incident


def test_person_name_and_unit(django_user_model):
    from yuqing.units.actions import create_officer, create_unit, set_membership

    plain = django_user_model.objects.create_user("zhang_w", password="x")
    assert person_name(plain) == "zhang_w" and person_name(None) == "" and person_unit(plain) == "zhang_w"
    plain.first_name = "张伟"
    plain.save()
    assert person_name(plain) == "张伟"
    unit = create_unit(None, code="T-DC", name="东城区委宣传部", kind="county")
    set_membership(None, user=plain, unit=unit)
    assert person_unit(django_user_model.objects.get(pk=plain.pk)) == "张伟 · 东城区委宣传部"

    # an officer's file names its login account: the account is shown by the file's name
    account = django_user_model.objects.create_user("lin_xd", password="x")
    officer = create_officer(None, name="林小东", unit=unit, user=account)
    assert person_name(django_user_model.objects.get(pk=account.pk)) == "林小东"
    from yuqing.units.actions import update_officer

    update_officer(None, officer, name="林晓东")
    assert person_name(django_user_model.objects.get(pk=account.pk)) == "林晓东"


def test_choices_of_people_show_name_and_unit(django_user_model):
    from yuqing.monitoring.forms import ShiftForm
    from yuqing.units.actions import create_unit, set_membership

    user = django_user_model.objects.create_user("duty_z", password="x", first_name="张值班")
    set_membership(None, user=user, unit=create_unit(None, code="T-CITY", name="示例市委宣传部", kind="city"))
    labels = [label for _value, label in ShiftForm().fields["officer"].choices]
    assert "张值班 · 示例市委宣传部" in labels and not any("duty_z" in str(label) for label in labels)
