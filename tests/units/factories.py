"""A small fictional office for the reporting tests: a city, two counties, a township, people in every role."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from yuqing.accounts.roles import ensure_roles
from yuqing.units import actions
from yuqing.units.models import Unit

PASSWORD = "pw-reporting-1"


def make_user(username: str, *roles: str, unit: Unit | None = None):
    ensure_roles()
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", PASSWORD)
    user.groups.set(Group.objects.filter(name__in=roles))
    if unit is not None:
        actions.set_membership(None, user=user, unit=unit)
    return user


@dataclass
class Office:
    city: Unit
    county_a: Unit
    township_a1: Unit
    county_b: Unit
    officer_a: object
    officer_a1: object
    officer_b: object
    head_a: object
    editor: object
    editor2: object
    chief: object
    leader: object
    admin: object

    def by_role(self) -> dict[str, object]:
        return {"officer": self.officer_a, "unit_head": self.head_a, "editor": self.editor, "chief_editor": self.chief,
                "leader": self.leader, "admin": self.admin}


def build_office() -> Office:
    city = actions.create_unit(None, code="C", name="示例市委宣传部", kind="city")
    county_a = actions.create_unit(None, code="A", name="甲县委宣传部", kind="county", parent=city)
    township_a1 = actions.create_unit(None, code="A1", name="甲县一镇", kind="township", parent=county_a)
    county_b = actions.create_unit(None, code="B", name="乙区委宣传部", kind="county", parent=city)
    return Office(
        city=city, county_a=county_a, township_a1=township_a1, county_b=county_b,
        officer_a=make_user("officer_a", "officer", unit=county_a),
        officer_a1=make_user("officer_a1", "officer", unit=township_a1),
        officer_b=make_user("officer_b", "officer", unit=county_b),
        head_a=make_user("head_a", "unit_head", unit=county_a),
        editor=make_user("editor", "editor", unit=city), editor2=make_user("editor2", "editor", unit=city),
        chief=make_user("chief", "chief_editor", unit=city), leader=make_user("leader", "leader"),
        admin=make_user("office_admin", "admin"),
    )
