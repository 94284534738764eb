"""The overview page's cards: what every app declares (`dashboard_cards` on its AppConfig), for this user."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.module_loading import import_string

from yuqing.extensions import DashboardCard, declared


def _data(card: DashboardCard, request: HttpRequest) -> dict | None:
    return import_string(card.context)(request) if card.context else {}


def cards(request: HttpRequest) -> list[dict]:
    """[{template, span, data}] in order; a card whose context function returns None is left out now."""
    chosen = sorted((card for card in declared("dashboard_cards") if card.allows(request.user)),
                    key=lambda card: (card.order, card.template))
    shown = []
    for card in chosen:
        data = _data(card, request)
        if data is not None:
            shown.append({"template": card.template, "span": card.span, "data": data})
    return shown
