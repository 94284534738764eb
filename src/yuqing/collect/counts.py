"""Engagement counts as platforms and their exporters write them: 1234, "1234", "1,234", "1.2万", "10w+".

Chinese platforms abbreviate large counts (万 = 10^4, 亿 = 10^8, w = 万); exporters copy the
displayed text, so a count may arrive as a number, a numeric string or an abbreviation.
"""

from __future__ import annotations

import re

_COUNT = re.compile(r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万|w|W|亿|k|K|千)?\s*\+?\s*$")
_UNITS = {"万": 10_000, "w": 10_000, "W": 10_000, "亿": 100_000_000, "k": 1_000, "K": 1_000, "千": 1_000}


def parse_count(value: object) -> int | None:
    """The count as a non-negative int, or None when the value is empty or not a count.

    >>> parse_count("1.2万"), parse_count("10w+"), parse_count("1,234"), parse_count(7), parse_count("")
    (12000, 100000, 1234, 7, None)
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return max(0, value)
    if isinstance(value, float):
        return max(0, int(value)) if value == value and abs(value) != float("inf") else None
    if not isinstance(value, str):
        return None
    match = _COUNT.match(value)
    if not match:
        return None
    number = float(match.group(1).replace(",", ""))
    return int(round(number * _UNITS.get(match.group(2) or "", 1)))
