"""The administrator's overview card that appears only when reports cannot show Chinese."""

from __future__ import annotations

from django.http import HttpRequest

from yuqing import cjk_fonts


def font_problem(request: HttpRequest) -> dict | None:
    """None (no card) while a Chinese font is found; otherwise what is wrong and what to do."""
    return None if cjk_fonts.best() is not None else {"message": cjk_fonts.missing_message()}
