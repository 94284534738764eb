"""Template context: the unread count for the top bar (one indexed COUNT per page view).

Not wired yet: it needs "yuqing.notifications.context.unread" in settings.TEMPLATES'
context_processors and a badge in base.html, e.g.
    <a href="{% url 'notifications:inbox' %}">{% trans "Inbox" %} {% if unread_notifications %}<span class="count-badge">{{ unread_notifications }}</span>{% endif %}</a>
"""

from __future__ import annotations

from django.http import HttpRequest

from yuqing.notifications.service import unread_count


def unread(request: HttpRequest) -> dict:
    return {"unread_notifications": unread_count(getattr(request, "user", None))}
