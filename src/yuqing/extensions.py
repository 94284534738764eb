"""What an app declares on its AppConfig for the rest of the product to read (one list, like Datasette's hooks).

A domain app never imports `web`: it states its top-bar entries and its dashboard cards as class
attributes, and `yuqing.web` reads them from every installed app.

    class MonitoringConfig(AppConfig):
        navigation = (NavEntry("monitoring:alerts", _("Alerts"), group="watch", order=10),)
        dashboard_cards = (DashboardCard("monitoring/_card_alerts.html", roles=("duty_officer",),
                                         context="yuqing.monitoring.cards.open_alerts", order=10),)

    class IncidentsConfig(AppConfig):
        document_actions = (DocumentAction("incident", _("Add to an incident"), run="yuqing.incidents.work.add",
                                           choices="yuqing.incidents.work.choices", roles=("duty_officer",)),)

What an app watches for the office (`interest`): `places() -> [names or codes]` give the office's
area when YUQING_PLACE does not (documents.area), `documents() -> condition` marks the documents the
office follows (ranked higher: documents.event_rank).

    class MonitoringConfig(AppConfig):
        interest = (Interest(places="yuqing.monitoring.interest.watched_places",
                             documents="yuqing.monitoring.interest.watched_documents"),)

Who sees an entry, a card or a document action: `roles` (any of these role groups; superusers see everything), or
`visible`, the dotted path of a `(user) -> bool` function (imported only when a page asks, so
AppConfig modules stay free of model imports), or both (both must allow). Neither: every signed-in
user.

Background work is declared the same way: `work_handlers` (WorkHandler: who runs which task rows),
`worker_loops` (WorkerLoop: polled by workers of a role) and `scheduled` (Scheduled: jobs run once per
deployment by the scheduler), read by `yuqing.work`.

    class SourcesConfig(AppConfig):
        work_handlers = (WorkHandler("collect", "yuqing.sources.work.collect", role="collect"),)
        scheduled = (Scheduled("collect.due", "yuqing.sources.work.enqueue_due", every=15),)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

# The top bar's menus, in this order. An entry names one of these keys, or "" for a plain link.
NAV_GROUPS: dict[str, object] = {
    "watch": _("Monitoring"),
    "respond": _("Incidents and briefings"),
    "reporting": _("Reporting"),
    "collect": _("Collection"),
    "admin": _("Administration"),
}


class _Audience:
    """Who sees it: the `roles` and `visible` fields of the declarations below."""

    roles: tuple[str, ...]
    visible: str

    def allows(self, user) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        if self.roles:
            from yuqing.accounts.roles import has_role

            if not has_role(user, *self.roles):
                return False
        return _predicate(self.visible)(user) if self.visible else True


@dataclass(frozen=True)
class NavEntry(_Audience):
    """One link in the top bar's menu `group` ("" for a top-level link), ordered by `order`."""

    url_name: str
    label: object
    group: str = ""
    order: int = 50
    roles: tuple[str, ...] = ()
    visible: str = ""


@dataclass(frozen=True)
class DashboardCard(_Audience):
    """A card on the overview page: `template` is included with the dict that `context(request)`
    returns (a dotted path; "" for none). Cards are laid out by `order`; `span` is the width in
    dashboard columns (1 to 3). `held`: a card of a role's own work (the editor's queue), shown to
    those given one of these roles, a superuser only when given it too (roles= lets superusers see all).
    """

    template: str
    context: str = ""
    order: int = 50
    span: int = 1
    roles: tuple[str, ...] = ()
    visible: str = ""
    held: tuple[str, ...] = ()

    def allows(self, user) -> bool:
        if self.held:
            from yuqing.accounts.roles import holds

            if not holds(user, *self.held):
                return False
        return super().allows(user)


@dataclass(frozen=True)
class DocumentAction(_Audience):
    """Something to do with a document or a selection of search results, offered on the document
    page and the search results (`document_actions` on an AppConfig).

    `run(actor, documents, target) -> (message, url)` does it through the app's action functions
    (raise WorkflowError to refuse: its message is shown); `url` "" stays on the page. `choices(user)
    -> [(value, label)]` lists the targets to pick from ("" for none: `target` is then ""); `empty`
    says what to do when there are none. Users outside `roles`/`visible` see `refusal` (who can).
    """

    key: str
    label: object
    run: str
    choices: str = ""
    empty: object = ""
    refusal: object = ""
    order: int = 50
    roles: tuple[str, ...] = ()
    visible: str = ""


@dataclass(frozen=True)
class Interest:
    """What the office watches through an app: dotted paths of `() -> list[str]` (place names or
    codes) and `() -> Q` (a condition on documents.Document); "" for none."""

    places: str = ""
    documents: str = ""


@dataclass(frozen=True)
class WorkHandler:
    """Runs tasks of `kind` (rows written by `yuqing.work.queue.enqueue`): `run(payload)`, a dotted path,
    called inside the transaction that marks the task done. Workers started with `role` (or "all") run it."""

    kind: str
    run: str
    role: str
    atomic: bool = True  # False: the handler commits its own steps (a long collection) and is idempotent itself
    lease: float = 0  # seconds a claim holds the task before another worker may take it (0: YUQING_LEASE_SECONDS)
    urgent: bool = False  # another process waits for it: claimed first, one at a time, never queued behind others


@dataclass(frozen=True)
class WorkerLoop:
    """Called on every turn of a worker that has `role` (or "all"): `run() -> int`, a dotted path, does
    what is due and returns how much it did (0 lets the worker sleep until woken or polled)."""

    role: str
    run: str


@dataclass(frozen=True)
class Scheduled:
    """A job the scheduler runs every `every` seconds, once per deployment (whoever holds the
    scheduler's lease): `run()` is a dotted path. Jobs find their own due work in the database, so
    a job that runs again after a crash does only what is still due."""

    name: str
    run: str
    every: float = 15.0


@lru_cache(maxsize=None)
def _predicate(path: str) -> Callable[[object], bool]:
    return import_string(path)


def declared(attribute: str) -> list:
    """Every installed app's declarations of `attribute` ("navigation", "dashboard_cards", "document_actions",
    "interest", "work_handlers", "worker_loops", "scheduled")."""
    from django.apps import apps

    found = []
    for config in apps.get_app_configs():
        found.extend(getattr(config, attribute, ()))
    return found
