"""Timestamps from files and pages to timezone-aware UTC datetimes.

Decision on times without an offset ("2024-05-01 08:30"): they are read as Beijing time
(UTC+08:00) by default, because the exports and pages this product reads are overwhelmingly
written by Chinese systems in local time; reading them as UTC would shift every post by eight
hours. Callers pass `naive_tz=timezone.utc` (or any tzinfo) for other data. Times that carry
an offset ("+08:00", "Z") always keep it.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta, timezone, tzinfo

CHINA_TZ = timezone(timedelta(hours=8), "UTC+08:00")
MILLISECONDS_ABOVE = 1e11  # 1e11 seconds is the year 5138: such a number must be milliseconds
_SLASH_DATE = re.compile(r"^(\d{4})[/.年-](\d{1,2})[/.月-](\d{1,2})日?")
_SHORT_HOUR = re.compile(r"(?<=[ T])(\d):")  # "2024-05-01 8:30" as Excel and people write it
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def parse_timestamp(value: object, naive_tz: tzinfo = CHINA_TZ) -> datetime | None:
    """Unix seconds (int, float or digits; milliseconds above 1e11) or ISO 8601, to UTC.

    Also read: 2024/5/1, 2024.5.1 and 2024年5月1日 dates with an optional time ("8:30" too), and
    datetime/date objects (spreadsheet cells); those without an offset are in `naive_tz`.

    None or "" gives None (no time known). Anything else that cannot be read raises ValueError
    with a message saying what was expected.
    """
    if value.__class__ is int or value.__class__ is float:  # the common case first: unix seconds
        return _from_number(float(value))  # type: ignore[arg-type]
    if value is None or value == "":
        return None
    if isinstance(value, datetime):  # a spreadsheet's date cell
        return (value if value.tzinfo else value.replace(tzinfo=naive_tz)).astimezone(timezone.utc)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=naive_tz).astimezone(timezone.utc)
    if isinstance(value, bool):
        raise ValueError(f"not a time: {value!r}")
    if isinstance(value, (int, float)):
        return _from_number(float(value))
    if not isinstance(value, str):
        raise ValueError(f"not a time: {value!r} (expected unix seconds or ISO 8601)")
    text = value.strip()
    if _NUMBER.match(text):
        return _from_number(float(text))
    return _from_iso(text, naive_tz)


def _from_number(seconds: float) -> datetime:
    if not math.isfinite(seconds):
        raise ValueError(f"not a time: {seconds!r}")
    if abs(seconds) > MILLISECONDS_ABOVE:
        seconds /= 1000.0
    try:
        return datetime.fromtimestamp(seconds, timezone.utc)
    except (OverflowError, OSError, ValueError) as exc:
        raise ValueError(f"unix time {seconds!r} is out of range") from exc


def _from_iso(text: str, naive_tz: tzinfo) -> datetime:
    normalised = _SLASH_DATE.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", text)
    normalised = _SHORT_HOUR.sub(r"0\1:", normalised.replace("时", ":").replace("分", "").rstrip(":"))
    try:
        parsed = datetime.fromisoformat(normalised)
    except ValueError:
        raise ValueError(f"cannot read time {text!r}: expected unix seconds or ISO 8601 such as 2024-05-01T08:30:00+08:00") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=naive_tz)
    return parsed.astimezone(timezone.utc)
