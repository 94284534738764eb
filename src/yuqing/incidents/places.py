"""A place typed by a person (a name or a division code) as one gazetteer code."""

from __future__ import annotations

from django.utils.translation import gettext as _

from yuqing.errors import InputError


def place_code(text: str) -> str:
    """'' for no place; the code of a name or code that names exactly one place; else InputError."""
    text = (text or "").strip()
    if not text:
        return ""
    from yuqing.analysis.places import resolve_place_query

    codes = resolve_place_query(text)
    if len(codes) != 1:
        raise InputError(_("The place %(place)s is unknown or ambiguous; give its code") % {"place": text})
    return codes[0]
