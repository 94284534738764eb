"""Metadata terms of a rule set (site:, author:, place: ...) as ids looked up per post.

A post's value for a field is mapped to the ids of the terms it satisfies once, then cached:
authors, sites and place codes repeat across a stream, so most posts cost one dict lookup.
"""

from __future__ import annotations

from typing import Any, Collection

from yuqing.analysis.query.fields import post_values, value_keys

_CACHE_LIMIT = 200_000  # distinct (field, value) pairs kept before the cache starts over


class MetaIndex:
    """field → key → ids of the metadata terms that key satisfies."""

    def __init__(self, by_field: dict[str, dict[str, list[int]]], trigger_ids: Collection[int]) -> None:
        self.by_field = by_field
        self.fields = tuple(by_field)
        # fields whose ids can start an evaluation; the others matter only once something else did
        self.trigger_fields = tuple(
            field for field, by_key in by_field.items()
            if any(ident in trigger_ids for ids in by_key.values() for ident in ids)
        )
        self._cache: dict[tuple[str, str], tuple[int, ...]] = {}

    def ids(self, post: dict[str, Any], fields: tuple[str, ...]) -> list[int]:
        """Ids of the metadata terms, among `fields`, that the post satisfies."""
        found: list[int] = []
        cache = self._cache
        for field in fields:
            value = post.get(field)
            # the common case (site, author, source, lang: one string) without building lists
            values = (value,) if value.__class__ is str else post_values(field, post)
            for value in values:
                ids = cache.get((field, value))
                if ids is None:
                    ids = self._lookup(field, value)
                found.extend(ids)
        return found

    def _lookup(self, field: str, value: str) -> tuple[int, ...]:
        by_key = self.by_field[field]
        ids = tuple(dict.fromkeys(i for key in value_keys(field, value) for i in by_key.get(key, ())))
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[(field, value)] = ids
        return ids
