"""Template context shared by every page: the top bar's menus, built from what the apps declare.

Each app states its entries on its AppConfig (`navigation`, see yuqing.extensions); entries a user
may not use are left out, and a menu with a single entry shows as a plain link.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import NAV_GROUPS, NavEntry, declared

# web's own entries: the overview page, and Django's admin for administrators.
WEB_NAVIGATION = (
    NavEntry("home", _("Overview"), order=0),
    NavEntry("admin:index", _("Data administration"), group="admin", order=90, visible="yuqing.web.context.is_staff"),
)


def is_staff(user) -> bool:
    return bool(getattr(user, "is_staff", False))


def _link(request: HttpRequest, entry: NavEntry) -> dict | None:
    try:
        url = reverse(entry.url_name)
    except NoReverseMatch:
        return None
    active = request.path.startswith(url) if url != "/" else request.path == "/"
    return {"url": url, "label": entry.label, "active": active}


def menus(request: HttpRequest) -> list[dict]:
    """[{label, url, active, items}]: plain links first, then the menus in NAV_GROUPS order.

    A menu with a single entry the user may use shows as that entry's link (`url` set, no items).
    """
    entries = sorted((*WEB_NAVIGATION, *declared("navigation")), key=lambda e: (e.order, e.url_name))
    groups: dict[str, list[dict]] = {"": [], **{key: [] for key in NAV_GROUPS}}
    for entry in entries:
        if entry.allows(request.user) and _matrix_allows(request.user, entry) and (link := _link(request, entry)):
            groups[entry.group if entry.group in NAV_GROUPS else ""].append(link)
    result = [{**link, "items": []} for link in groups.pop("")]
    for key, links in groups.items():
        if len(links) == 1:
            result.append({**links[0], "items": []})
        elif links:
            result.append({"label": NAV_GROUPS[key], "url": "", "items": links,
                           "active": any(link["active"] for link in links)})
    return result


def _matrix_allows(user, entry: NavEntry) -> bool:
    """An entry whose page the role matrix would refuse this user is not offered."""
    from yuqing.accounts.matrix import allows, page_rules

    rules = page_rules(entry.url_name, "GET")
    return not rules or allows(user, rules[0].who)


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_menus": []}
    return {"nav_menus": menus(request)}
