"""Demo organisation (虚构/演示): a fictional city's units, officers, trainings, and one account per role.

The demo accounts have known passwords (printed by `yuqing demo`) so that a visitor can try each
role: they exist only in a demo workspace, never in one made by `yuqing init`.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

DEMO = "（虚构）"
# code, name, kind, parent code, head
UNITS = [
    ("DEMO-CITY", "示例市委宣传部" + DEMO, "city", "", "周部长（演示）"),
    ("DEMO-DC", "东城区委宣传部" + DEMO, "county", "DEMO-CITY", "吴部长（演示）"),
    ("DEMO-XS", "西山县委宣传部" + DEMO, "county", "DEMO-CITY", "郑部长（演示）"),
    ("DEMO-NH", "南湖区委宣传部" + DEMO, "county", "DEMO-CITY", "王部长（演示）"),
    ("DEMO-DC-CG", "东城区城关街道" + DEMO, "township", "DEMO-DC", "冯主任（演示）"),
    ("DEMO-XS-QS", "西山县青石镇" + DEMO, "township", "DEMO-XS", "陈书记（演示）"),
    ("DEMO-EDU", "示例市教育局" + DEMO, "department", "DEMO-CITY", "褚局长（演示）"),
    ("DEMO-HEALTH", "示例市卫生健康委" + DEMO, "department", "DEMO-CITY", "卫主任（演示）"),
]
# username, role, unit code, officer name (None: no roster file), password
ACCOUNTS = [
    ("officer1", "officer", "DEMO-DC", "林小东（演示）", "demo-officer-2026"),
    ("officer2", "officer", "DEMO-XS", "何西山（演示）", "demo-officer-2026"),
    ("officer3", "officer", "DEMO-NH", "罗南湖（演示）", "demo-officer-2026"),
    ("unithead1", "unit_head", "DEMO-XS", None, "demo-unithead-2026"),
    ("editor1", "editor", "DEMO-CITY", None, "demo-editor-2026"),
    ("chief1", "chief_editor", "DEMO-CITY", None, "demo-chief-2026"),
    ("leader1", "leader", None, None, "demo-leader-2026"),
]
# Display names of the office staff (the officers' names come from their files).
STAFF_NAMES = {"unithead1": "郑部长（演示）", "editor1": "张编辑（演示）", "chief1": "周总编（演示）", "leader1": "刘领导（演示）"}
ADMIN_NAME = "系统管理员（演示）"
OTHER_OFFICERS = [("孙城关（演示）", "DEMO-DC-CG"), ("李青石（演示）", "DEMO-XS-QS"), ("赵教育（演示）", "DEMO-EDU"),
                  ("钱卫健（演示）", "DEMO-HEALTH")]


def seed() -> str:
    from yuqing.units.models import Unit

    if Unit.objects.filter(code="DEMO-CITY").exists():
        return "units: already present"
    units = _units()
    _accounts(units)
    _officers(units)
    _trainings()
    logins = ", ".join(f"{name} / {password}" for name, _role, _unit, _officer, password in ACCOUNTS)
    return f"units: {len(units)} fictional units, officers and trainings; demo logins (user / password): {logins}"


def _units() -> dict:
    from yuqing.units.actions import create_unit

    units: dict = {}
    for position, (code, name, kind, parent, head) in enumerate(UNITS):
        units[code] = create_unit(None, code=code, name=name, kind=kind, parent=units.get(parent), head=head,
                                  position=position)
    return units


def _accounts(units: dict) -> None:
    from yuqing.accounts.roles import ensure_roles
    from yuqing.units.actions import create_officer, set_membership

    ensure_roles()
    User = get_user_model()
    # The administrator stands duty in the demo roster: shown by a name, like everyone else.
    User.objects.filter(is_superuser=True, first_name="", last_name="").update(first_name=ADMIN_NAME)
    for username, role, unit_code, officer_name, password in ACCOUNTS:
        name = officer_name or STAFF_NAMES.get(username, username)
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": name})
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=role))
        if officer_name:
            create_officer(None, name=officer_name, unit=units[unit_code], user=user, post="信息员", full_time=True,
                           phone="010-00000000（虚构）", appointed_on=date(2024, 3, 1))
        elif unit_code:
            set_membership(None, user=user, unit=units[unit_code])


def _officers(units: dict) -> None:
    from yuqing.units.actions import create_officer, update_officer

    for number, (name, code) in enumerate(OTHER_OFFICERS):
        officer = create_officer(None, name=name, unit=units[code], post="兼职信息员", appointed_on=date(2025, 1 + number, 10))
        if number == 0:  # one file with a history of changes
            update_officer(None, officer, post="专职信息员", full_time=True)


def _trainings() -> None:
    from yuqing.units.actions import create_training, record_attendance
    from yuqing.units.models import Officer

    officers = list(Officer.objects.all())
    today = timezone.localdate()
    for days, topic in ((40, "信息写作与报送规范培训（演示）"), (10, "突发事件信息报送时限专题培训（演示）")):
        training = create_training(None, held_on=today - timedelta(days=days), topic=topic, place="市委党校（虚构）",
                                   materials="《信息报送工作规范》（演示）\n《突发事件信息报送流程》（演示）", invited=officers)
        for number, officer in enumerate(officers):
            record_attendance(None, training, officer=officer, status="absent" if number % 5 == 4 else "present")
