"""Template context shared by every page: the navigation, filtered by what the user may see."""

from __future__ import annotations

from typing import Callable

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (url name, label, who may see it). Apps add entries with register_nav() in AppConfig.ready().
Visible = Callable[[object], bool]
NAVIGATION: list[tuple[str, object, Visible | None, int]] = [
    ("home", _("Overview"), None, 0),
    ("documents:list", _("Documents"), None, 10),
    ("sources:list", _("Sources"), None, 80),
    ("sources:quarantine", _("Quarantine"), None, 90),
]


def register_nav(url_name: str, label: object, visible: Visible | None = None, order: int = 50) -> None:
    """Add a top-bar entry; `visible(user)` hides it from users who may not use it."""
    if url_name not in {entry[0] for entry in NAVIGATION}:
        NAVIGATION.append((url_name, label, visible, order))
        NAVIGATION.sort(key=lambda entry: entry[3])


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for name, label, visible, _order in NAVIGATION:
        if visible and not visible(user):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": request.path.startswith(url) and url != "/"})
    return {"nav_items": items}
