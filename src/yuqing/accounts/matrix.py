"""The role × action matrix, as data: who may open which page and call which API endpoint.

Every URL pattern and every API endpoint has a rule here, or it is refused (403, deny by default).
`RoleMatrixMiddleware` (pages) and `yuqing.web.api` (endpoints) enforce the role part of each rule;
views and actions still decide on the object (a unit's items, an incident's lead group).
`scripts/roles_doc.py` writes docs/roles.md from these rules, and tests/web/test_role_matrix.py
requests every rule as every role (anonymous included) and compares the status with the rule.

Format. Each domain app declares its rules in `yuqing/<app>/matrix.py` (an app adding pages
edits only its own file):

    from yuqing.accounts.matrix import LOGGED_IN, Api, Page, Permission, obj

    PERMISSIONS = {   # named sets of roles, with what they allow (the labels go into docs/roles.md)
        "source.manage": Permission(("admin", "analyst"), "add, change, collect and remove web sources"),
    }
    RULES = [
        Page("sources:list", "GET", LOGGED_IN, "the list of sources"),
        Page("sources:toggle", "POST", "source.manage", "switch a source on or off", args={"pk": obj("source")}),
        Api("DELETE", "/api/sources/{source_id}", "source.manage", "remove a source",
            args={"source_id": obj("source")}, ok=204),
    ]

- `Page(url_name, method, who, what, ...)`: one URL name (namespaced) and one HTTP method.
  `Api(method, path, who, what, ...)`: one endpoint, its path as in /api/openapi.json.
- `who`: PUBLIC (anyone, logged in or not), LOGGED_IN (every logged-in user), STAFF (the Django
  admin site: superusers and staff, checked by the admin itself), or a permission name.
- `args`: the URL's arguments for the test: `obj("name")` is an object of the test's sample
  office (tests/web/role_world.py; add one there when a new kind of object needs a page), any
  other value is literal. A literal also selects the rule: `args={"verb": "take"}` applies to
  /submissions/<pk>/do/take/ only; a verb that no rule names answers 404.
- `query`: a query string the test sends (for endpoints whose parameters are required).
- `ok`: the status an allowed user gets (default: 200 for GET, 302 for a page's POST, 200 for
  the API; a write without `ok` passes with any answer but a refusal, since the test sends no
  input). `expect`: statuses that differ per role, among those the role gate lets through, because of the object, e.g. an item of
  another unit answers 404 (`{"officer": 404}`) — object-level rules live in the views and
  actions; `note` says them in words for the doc.
- Refusals: anonymous users are sent to the login page (API: 401); a logged-in user whose
  roles are not in `who` gets 403; a method no rule names gets 405.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from yuqing.accounts.roles import ROLE_ORDER, user_roles

PUBLIC = "public"
LOGGED_IN = "logged_in"
STAFF = "staff"
SUBJECTS = ("anonymous",) + ROLE_ORDER
# apps whose matrix.py is read besides settings.DOMAIN_APPS
CORE_APPS = ("web", "accounts")


@dataclass(frozen=True)
class Permission:
    roles: tuple[str, ...]
    what: str


@dataclass(frozen=True)
class Sample:
    """An object of the test's sample office, named; see tests/web/role_world.py."""

    name: str


def obj(name: str) -> Sample:
    return Sample(name)


@dataclass(frozen=True)
class Rule:
    method: str
    who: str
    what: str
    args: dict[str, Any] = field(default_factory=dict)
    ok: int | None = None
    expect: dict[str, int] = field(default_factory=dict)
    note: str = ""
    query: dict[str, str] = field(default_factory=dict)

    @property
    def literals(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.args.items() if not isinstance(v, Sample)}

    def selects(self, kwargs: dict[str, Any]) -> bool:
        return all(str(kwargs.get(k)) == v for k, v in self.literals.items())


@dataclass(frozen=True)
class PageRule(Rule):
    url_name: str = ""

    @property
    def key(self) -> str:
        return self.url_name


@dataclass(frozen=True)
class ApiRule(Rule):
    path: str = ""

    @property
    def key(self) -> str:
        return self.path


def Page(url_name: str, method: str, who: str, what: str, **extra: Any) -> PageRule:  # noqa: N802 (reads as data)
    return PageRule(url_name=url_name, method=method, who=who, what=what, **extra)


def Api(method: str, path: str, who: str, what: str, **extra: Any) -> ApiRule:  # noqa: N802
    return ApiRule(path=path, method=method, who=who, what=what, **extra)


def _modules() -> list:
    from django.conf import settings

    names = [f"yuqing.{app}.matrix" for app in (*CORE_APPS, *settings.DOMAIN_APPS)]
    return [import_module(name) for name in names if find_spec(name) is not None]


@cache
def permissions() -> dict[str, Permission]:
    found: dict[str, Permission] = {}
    for module in _modules():
        found.update(getattr(module, "PERMISSIONS", {}))
    return found


@cache
def rules() -> tuple[Rule, ...]:
    found = tuple(rule for module in _modules() for rule in getattr(module, "RULES", []))
    unknown = {r.who for r in found} - {PUBLIC, LOGGED_IN, STAFF} - set(permissions())
    if unknown:
        raise LookupError(f"role matrix: rules name unknown permissions {sorted(unknown)}")
    return found


@cache
def _index() -> dict[tuple[str, str], list[Rule]]:
    index: dict[tuple[str, str], list[Rule]] = {}
    for rule in rules():
        index.setdefault((type(rule).__name__ + rule.key, rule.method), []).append(rule)
    return index


def page_rules(url_name: str, method: str) -> list[PageRule]:
    """The rules of a page, falling back to a namespace's wildcard ("admin:*") and method "*"."""
    namespace = url_name.rpartition(":")[0]
    for name in (url_name, f"{namespace}:*" if namespace else url_name):
        for wanted in (method, "*"):
            found = _index().get(("PageRule" + name, wanted))
            if found:
                return found  # type: ignore[return-value]
    return []


def api_rules(path: str, method: str) -> list[ApiRule]:
    return _index().get(("ApiRule" + path, method), [])  # type: ignore[return-value]


def methods_of(kind: str, key: str) -> list[str]:
    """The methods rules name for a page or endpoint ("*": any)."""
    return sorted({method for (name, method) in _index() if name == kind + key})


def roles_of(who: str) -> tuple[str, ...]:
    if who in (PUBLIC, LOGGED_IN):
        return ROLE_ORDER
    if who == STAFF:
        return ()
    return permissions()[who].roles


def allows(user, who: str) -> bool:
    """May this user pass a rule's role gate? (STAFF: the admin site checks for itself.)"""
    if who in (PUBLIC, STAFF):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return who == LOGGED_IN or bool(user_roles(user) & set(permissions()[who].roles))


def may(user, permission: str) -> bool:
    """The same check for code: `may(user, "source.manage")`."""
    return allows(user, permission)


def passes_gate(rule: Rule, subject: str) -> bool:
    """Does the role gate let `subject` (a role name or "anonymous") through to the view?"""
    if rule.who in (PUBLIC, STAFF):
        return True
    return subject != "anonymous" and subject in roles_of(rule.who)


def expected(rule: Rule, subject: str) -> int | None:
    """The status `subject` gets; None: any answer but a refusal (a write sent without input)."""
    api = isinstance(rule, ApiRule)
    if not passes_gate(rule, subject):
        return (401 if api else 302) if subject == "anonymous" else 403
    if subject in rule.expect:
        return rule.expect[subject]
    if rule.ok is not None:
        return rule.ok
    if rule.method == "GET":
        return 200
    return None if api else 302
