"""Every URL pattern and every API endpoint, as every role (anonymous included): the status each
gets is the one the role matrix (yuqing/<app>/matrix.py) says. A page or endpoint without a rule
fails here, and is refused in the running server. A GET never writes to the database."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver

from tests.web import role_world
from yuqing.accounts import matrix

pytestmark = pytest.mark.django_db
# Bookkeeping a GET may write: the session, when a token was last used, and a user's own "read" mark
# on a document opened (nobody else's view changes, nothing in the workflow moves).
GET_MAY_WRITE = ("django_session", "accounts_apitoken", "documents_documentmark")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The sample office, built once for the module; each request runs in a savepoint rolled back after it."""
    with role_world.opened(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


def _pattern_names(resolver=None, namespace: str = "") -> list[str]:
    names = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (pattern.namespace or namespace)
            names += _pattern_names(pattern, inner)
        elif pattern.name:
            names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def _page_names() -> list[str]:
    """Every page's URL name; the API's operations are checked as endpoints below."""
    from yuqing.web.middleware import API_PAGES

    return sorted({n for n in _pattern_names() if not n.startswith("api-") or n.split(":")[1] in API_PAGES})


def _openapi_paths() -> list[tuple[str, str]]:
    from django.urls import resolve

    api = resolve("/api/openapi.json").func.keywords["api"]
    paths = api.get_openapi_schema()["paths"]
    return sorted((method.upper(), path) for path, operations in paths.items() for method in operations)


def test_every_page_has_a_rule():
    missing = [name for name in _page_names() if not matrix.methods_of("PageRule", name)
               and not matrix.page_rules(name, "GET") and not matrix.page_rules(name, "POST")]
    assert not missing, f"pages without a rule in the role matrix (add them to yuqing/<app>/matrix.py): {missing}"


def test_every_endpoint_has_a_rule():
    missing = [f"{method} {path}" for method, path in _openapi_paths() if not matrix.api_rules(path, method)]
    assert not missing, f"endpoints without a rule in the role matrix (add them to yuqing/<app>/matrix.py): {missing}"


def test_every_rule_names_a_page_or_endpoint_that_exists():
    pages, endpoints = set(_page_names()), set(_openapi_paths())
    stale = [rule for rule in matrix.rules() if isinstance(rule, matrix.PageRule) and not rule.url_name.endswith(":*")
             and rule.url_name not in pages]
    stale += [rule for rule in matrix.rules() if isinstance(rule, matrix.ApiRule) and (rule.method, rule.path) not in endpoints]
    assert not stale


def _rule_id(rule: matrix.Rule) -> str:
    literal = ",".join(f"{v}" for v in rule.literals.values())
    return f"{rule.method} {rule.key}" + (f"[{literal}]" if literal else "")


_url = role_world.url  # the address a rule's request goes to (tests/web/test_people_names.py uses it too)


def _request(world: dict, rule: matrix.Rule, subject: str):
    client, url = Client(), _url(rule, subject, world["samples"])
    method = "get" if rule.method in ("GET", "*") else rule.method.lower()
    headers = {}
    if isinstance(rule, matrix.ApiRule) and subject != "anonymous":
        headers["HTTP_AUTHORIZATION"] = f"Bearer {world['tokens'][subject]}"
    else:
        for name, value in world["clients"][subject].items():
            client.cookies[name] = value
    extra = {"data": rule.query} if method == "get" else {"content_type": "application/json", "data": "{}"} \
        if isinstance(rule, matrix.ApiRule) else {}
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, **extra, **headers)
        transaction.set_rollback(True)
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].split(" ", 1)[0] in ("INSERT", "UPDATE", "DELETE")
              and not any(table in q["sql"][:80] for table in GET_MAY_WRITE)]
    return response, (writes if method == "get" else [])


def _outcome(rule: matrix.Rule, subject: str, response) -> str | None:
    """None when the answer is what the matrix says, else what went wrong."""
    want, got = matrix.expected(rule, subject), response.status_code
    if want is None:
        refused = got in (401, 403, 404, 405) or got >= 500
        return f"refused or failed with {got}" if refused else None
    if got != want:
        return f"{got} instead of {want}"
    if want == 302 and subject == "anonymous" and rule.who not in (matrix.PUBLIC, matrix.STAFF):
        return None if "/login/" in response["Location"] else f"redirected to {response['Location']}, not the login"
    return None


@pytest.mark.parametrize("rule", matrix.rules(), ids=_rule_id)
def test_each_role_gets_what_the_matrix_says(world, rule):
    problems = {}
    for subject in matrix.SUBJECTS:
        response, writes = _request(world, rule, subject)
        wrong = _outcome(rule, subject, response)
        if wrong:
            problems[subject] = wrong
        if writes:
            problems[subject] = f"a GET wrote to the database: {writes[0][:120]}"
    assert not problems, problems


def test_the_committed_roles_page_is_what_the_matrix_says():
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "scripts" / "roles_doc.py"
    spec = importlib.util.spec_from_file_location("roles_doc", script)
    roles_doc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(roles_doc)
    assert roles_doc.DOC.read_text(encoding="utf-8") == roles_doc.render(), "docs/roles.md is out of date: run scripts/roles_doc.py"


def test_a_page_or_endpoint_without_a_rule_is_refused(admin_user, client, monkeypatch):
    """Deny by default: a page someone adds without a rule answers 403, even to a superuser."""
    client.force_login(admin_user)
    assert client.get("/sources/").status_code == 200
    assert client.get("/api/sources").status_code == 200
    monkeypatch.setattr(matrix, "page_rules", lambda name, method: [])
    monkeypatch.setattr(matrix, "methods_of", lambda kind, key: [])
    monkeypatch.setattr(matrix, "api_rules", lambda path, method: [])
    assert client.get("/sources/").status_code == 403
    assert client.get("/api/sources").status_code == 403


def test_methods_and_verbs_that_no_rule_names(admin_user, client):
    client.force_login(admin_user)
    assert client.get("/submissions/1/do/take/").status_code == 405  # only POST is a rule
    assert client.post("/submissions/1/do/explode/").status_code == 404  # no rule names that verb
    assert client.get("/briefings/1/file.xyz").status_code == 404  # was a 500
