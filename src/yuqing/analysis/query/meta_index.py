"""Metadata terms of a rule set (site:, author:, place: ...) as ids looked up per post.

A post's site, language or place code is mapped to the ids of the terms it satisfies once, then
cached (they repeat across a stream); an author or source is one normalised dict lookup.
"""

from __future__ import annotations

from typing import Any, Collection

from yuqing.analysis.query.fields import normalize_name, post_values, value_keys

_WHOLE_VALUE = frozenset({"author", "source", "sentiment"})  # one key: the normalised value
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
            if field in _WHOLE_VALUE and value.__class__ is str:
                # authors are nearly all distinct: a cache would only miss; one lookup is cheaper
                found.extend(self.by_field[field].get(normalize_name(value), ()))
                continue
            for value in post_values(field, post):
                ids = cache.get((field, value))
                if ids is None:
                    ids = self._lookup(field, value)
                found.extend(ids)
        return found

    def _lookup(self, field: str, value: str) -> tuple[int, ...]:
        by_key = self.by_field[field]
        keys = value_keys(field, value)
        if len(keys) == 1:  # author, source, sentiment: the common, cheap case
            ids = tuple(by_key.get(keys[0], ()))
        else:
            ids = tuple(dict.fromkeys(i for key in keys for i in by_key.get(key, ())))
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[(field, value)] = ids
        return ids
