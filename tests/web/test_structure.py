"""The dependency runs one way: domain apps declare navigation and cards, `web` reads them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tests.units.factories import make_user
from yuqing.web.context import menus

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "yuqing"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            found.add(".")  # relative: the layering test asks for absolute imports
        elif isinstance(node, ast.ImportFrom) and node.module == "yuqing":
            found.update(f"yuqing.{alias.name}" for alias in node.names)  # from yuqing import events
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("app", [*settings.DOMAIN_APPS, "accounts", "analysis", "collect"])
def test_no_domain_app_imports_web(app):
    offenders = [f"{path.relative_to(PACKAGE)}: {name}" for path in (PACKAGE / app).rglob("*.py")
                 for name in _imports(path) if name == "yuqing.web" or name.startswith("yuqing.web.")]
    assert offenders == []


# The plain-Python layers and what each may import from yuqing (besides the error tree,
# yuqing.errors): `analysis` runs without a database or a network client, `collect` without
# Django, and both share `text`.
LAYERS = {"text": {"text"}, "analysis": {"analysis", "text"}, "collect": {"collect", "text"}}


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_the_plain_python_layers_import_no_django_and_only_the_layers_below(layer):
    allowed = LAYERS[layer] | {"errors"}
    offenders = [f"{path.relative_to(PACKAGE)}: {name}" for path in (PACKAGE / layer).rglob("*.py")
                 for name in _imports(path)
                 if name in {".", "yuqing"} or name.split(".")[0] == "django"
                 or (name.startswith("yuqing.") and name.split(".")[1] not in allowed)]
    assert offenders == []


def _menus(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return menus(request)


def _labels(found: list[dict]) -> dict[str, list[str]]:
    with translation.override("en"):
        return {str(menu["label"]): [str(item["label"]) for item in menu["items"]] for menu in found}


@pytest.mark.django_db
def test_the_top_bar_is_a_few_menus_not_a_flat_row(admin_user):
    found = _labels(_menus(admin_user))
    assert len(found) <= 6, found
    assert found["Monitoring"] == ["Alerts", "Search", "Schemes", "Duty", "Alert channels"]
    assert found["Reporting"] == ["Submitted items", "Information needs", "Bulletins", "Forwarding upward", "Organisation"]
    assert found["Collection"] == ["Sources", "Import", "Quarantine"]
    assert "Overview" in found and "Incidents and briefings" in found
    assert found["Administration"] == ["Users", "Lockouts", "Data administration"]


@pytest.mark.django_db
def test_each_role_sees_only_the_entries_it_may_use():
    officer = _labels(_menus(make_user("officer_n", "officer")))
    assert "Submitted items" in officer["Reporting"] and "Bulletins" not in officer["Reporting"]
    assert "Incidents" not in str(officer)  # an officer handles no incidents
    duty = _labels(_menus(make_user("duty_n", "duty_officer")))
    assert "Reporting" not in duty and "Submitted items" not in str(duty)


@pytest.mark.django_db
def test_the_open_page_marks_its_menu(admin_user):
    with translation.override("en"):
        found = {str(m["label"]): m for m in _menus(admin_user, reverse("monitoring:schemes"))}
        assert found["Monitoring"]["active"] and not found["Reporting"]["active"]
        assert [str(i["label"]) for i in found["Monitoring"]["items"] if i["active"]] == ["Schemes"]


@pytest.mark.django_db
def test_the_overview_shows_the_cards_apps_declare(client, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    status, charts, latest = (html.index(marker) for marker in ('class="stats"', 'id="dashboard"', "Latest documents"))
    assert status < charts < latest  # in the declared order (10, 30, 90)
    assert html.count('class="dash-slot span3"') == 3
