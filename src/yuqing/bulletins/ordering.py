"""The order of the entries of a document being composed (a bulletin issue, a forwarding batch)."""

from __future__ import annotations

from django.db import models


def move(entries: list[models.Model], entry: models.Model, *, up: bool) -> None:
    """Swap `entry` with its neighbour above (or below) and number the entries' `position` 1..n."""
    index = entries.index(entry)
    other = index - 1 if up else index + 1
    if 0 <= other < len(entries):
        entries[index], entries[other] = entries[other], entries[index]
    for position, each in enumerate(entries, start=1):
        type(entry).objects.filter(pk=each.pk).update(position=position)
