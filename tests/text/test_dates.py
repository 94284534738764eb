"""Timestamps to UTC: unix seconds, milliseconds, ISO 8601, and the Beijing-time default."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from yuqing.text.dates import parse_timestamp

UTC = timezone.utc


@pytest.mark.parametrize(("value", "expected"), [
    (1420070400, datetime(2015, 1, 1, tzinfo=UTC)),
    ("1420070400", datetime(2015, 1, 1, tzinfo=UTC)),
    (1420070400500, datetime(2015, 1, 1, 0, 0, 0, 500000, tzinfo=UTC)),   # milliseconds
    ("2024-05-01T08:30:00Z", datetime(2024, 5, 1, 8, 30, tzinfo=UTC)),
    ("2024-05-01T08:30:00+08:00", datetime(2024, 5, 1, 0, 30, tzinfo=UTC)),
    ("2024-05-01 08:30", datetime(2024, 5, 1, 0, 30, tzinfo=UTC)),        # naive: Beijing time
    ("2024/5/1 08:30:00", datetime(2024, 5, 1, 0, 30, tzinfo=UTC)),
    (None, None), ("", None),
])
def test_parse(value: object, expected: datetime | None) -> None:
    assert parse_timestamp(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "2024-13-01", True, [1], float("nan"), 1e300])
def test_bad_values_raise_value_error(value: object) -> None:
    with pytest.raises(ValueError):
        parse_timestamp(value)
