"""The Django admin site changes units, memberships and officers through their actions: a unit
moved there carries its `path` (which unit-scoped visibility reads) and its subtree along, and
every change is in the audit trail."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from yuqing.accounts.models import AuditEntry
from yuqing.units.access import member_units
from yuqing.units.models import Membership, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, office):
    boss = get_user_model().objects.create_superuser("site_admin", "", "pw-admin-1")
    client.force_login(boss)
    return client


def _unit_form(unit: Unit, **changes) -> dict:
    data = {"code": unit.code, "name": unit.name, "kind": unit.kind, "parent": unit.parent_id or "", "head": unit.head,
            "head_phone": unit.head_phone, "active": "on" if unit.active else "", "position": unit.position}
    return {**data, **changes}


def test_moving_a_unit_in_the_admin_site_moves_its_path_and_subtree(admin_client, office):
    response = admin_client.post(f"/admin/units/unit/{office.county_a.pk}/change/",
                                 _unit_form(office.county_a, parent=office.county_b.pk))
    assert response.status_code == 302
    moved, township = Unit.objects.get(pk=office.county_a.pk), Unit.objects.get(pk=office.township_a1.pk)
    assert moved.path == f"{office.county_b.path}{moved.pk}/"
    assert township.path == f"{moved.path}{township.pk}/"
    assert AuditEntry.objects.filter(action="unit.update", target_id=str(moved.pk)).exists()
    assert office.township_a1 in [u for u in office.county_b.subtree()]


def test_a_unit_added_in_the_admin_site_gets_its_path_and_none_is_deleted(admin_client, office):
    response = admin_client.post("/admin/units/unit/add/", {"code": "A2", "name": "甲县二镇", "kind": "township",
                                                            "parent": office.county_a.pk, "active": "on", "position": 0})
    assert response.status_code == 302
    added = Unit.objects.get(code="A2")
    assert added.path == f"{office.county_a.path}{added.pk}/" and AuditEntry.objects.filter(action="unit.create").exists()
    assert admin_client.get(f"/admin/units/unit/{added.pk}/delete/").status_code == 403


def test_a_membership_changed_in_the_admin_site_is_an_audited_action(admin_client, office):
    membership = Membership.objects.get(user=office.officer_b)
    response = admin_client.post(f"/admin/units/membership/{membership.pk}/change/",
                                 {"user": office.officer_b.pk, "unit": office.county_a.pk})
    assert response.status_code == 302
    assert list(member_units(office.officer_b)) == [office.county_a]
    assert AuditEntry.objects.filter(action="unit.set_membership").count() >= 1
    admin_client.post(f"/admin/units/membership/{membership.pk}/delete/", {"post": "yes"})
    assert not Membership.objects.filter(user=office.officer_b).exists()
    assert AuditEntry.objects.filter(action="unit.set_membership").latest("at").detail == {"unit": None}


def test_roles_given_in_the_admin_site_are_audited(admin_client, office):
    from django.contrib.auth.models import Group

    user = office.officer_a
    data = {"username": user.username, "email": user.email, "is_active": "on", "groups": [Group.objects.get(name="analyst").pk],
            "date_joined_0": "2026-11-01", "date_joined_1": "08:00:00", "initial-date_joined_0": "2026-11-01",
            "initial-date_joined_1": "08:00:00"}
    response = admin_client.post(f"/admin/auth/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="admin.roles")
    assert entry.detail["roles"] == ["analyst"] and entry.target_id == str(user.pk)
