"""`{% dashboard_card card %}`: include a card's template with its own data on top of the page's context."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard_card(context: template.Context, card: dict) -> SafeString:
    # Like {% include %}: the card keeps request, user, csrf_token and perms, and adds its data.
    included = context.template.engine.get_template(card["template"])
    with context.push(card["data"]):
        return included.render(context)
