from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from yuqing.submissions.richtext import sanitize

register = template.Library()


@register.filter
def richtext(body: str) -> SafeString:
    """Bodies are sanitised when saved; cleaning again on display costs little and guards old rows."""
    return mark_safe(sanitize(body))  # noqa: S308 (nh3 output)


@register.filter
def percent(value: float) -> str:
    return f"{value:.1%}"


@register.filter
def tenth(value: int) -> int:
    """0..100 rounded down to a step of ten, for the progress bar classes."""
    return min(100, max(0, int(value) // 10 * 10))


@register.filter
def minutes_text(minutes: int) -> str:
    """A lateness in words: 40 min, 3 h 20 min, 2 d 5 h."""
    minutes = int(minutes or 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return _("%(d)d d %(h)d h") % {"d": days, "h": hours}
    if hours:
        return _("%(h)d h %(m)d min") % {"h": hours, "m": mins}
    return _("%(m)d min") % {"m": mins}
