from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

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
