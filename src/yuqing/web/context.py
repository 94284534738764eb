"""Template context shared by every page: the navigation, filtered by what the user may see."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (url name, label, permission needed or None). Later apps append their entries here.
NAVIGATION: list[tuple[str, object, str | None]] = [
    ("home", _("Overview"), None),
    ("documents:list", _("Documents"), None),
    ("sources:list", _("Sources"), None),
    ("sources:quarantine", _("Quarantine"), None),
]


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for name, label, perm in NAVIGATION:
        if perm and not user.has_perm(perm):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": request.path.startswith(url) and url != "/"})
    return {"nav_items": items}
