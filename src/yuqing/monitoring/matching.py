"""All active schemes in one compiled RuleSet, matched against each batch of new documents.

The rule set is rebuilt only when a scheme changed: a save in this process invalidates it at
once (signals), and one cheap aggregate per batch catches changes made by other processes. A scheme whose rule no longer compiles (say, a
place name the gazetteer dropped) is left out and logged, never allowed to stop the others.
"""

from __future__ import annotations

import logging
import threading
from typing import Iterable

from django.db.models import Count, Max, Sum

from yuqing.analysis.query import RuleError, RuleSet
from yuqing.documents.models import Document
from yuqing.documents.postview import post_for_matching
from yuqing.monitoring.models import Scheme

log = logging.getLogger("yuqing.monitoring")


class SchemeMatcher:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: tuple | None = None
        self._ruleset: RuleSet | None = None
        self.skipped: dict[int, str] = {}  # scheme id -> why it is not matched

    def _current_version(self) -> tuple:
        stats = Scheme.objects.filter(active=True).aggregate(n=Count("id"), newest=Max("updated_at"), versions=Sum("version"))
        return stats["n"], stats["newest"], stats["versions"]

    def invalidate(self, **_: object) -> None:
        with self._lock:
            self._version = None

    def ruleset(self) -> RuleSet | None:
        version = self._current_version()
        with self._lock:
            if version != self._version:
                self._ruleset = self._compile(list(Scheme.objects.filter(active=True).values_list("pk", "expression")))
                self._version = version
            return self._ruleset

    def _compile(self, rules: list[tuple[int, str]]) -> RuleSet | None:
        self.skipped = {}
        pending = [(str(pk), expression) for pk, expression in rules]
        while pending:
            try:
                return RuleSet.compile(pending)
            except RuleError as error:
                bad = pending.pop(error.rule_number)
                self.skipped[int(bad[0])] = str(error.reason)
                log.error("scheme %s is not matched: %s", bad[0], error.reason)
        return None

    def match(self, documents: Iterable[Document]) -> dict[int, list[Document]]:
        """Scheme id -> the documents of this batch it matches."""
        documents = list(documents)
        ruleset = self.ruleset() if documents else None
        if ruleset is None:
            return {}
        found: dict[int, list[Document]] = {}
        for doc, names in zip(documents, ruleset.match_batch([post_for_matching(d) for d in documents])):
            for name in names:
                found.setdefault(int(name), []).append(doc)
        return found


_matcher: SchemeMatcher | None = None
_matcher_lock = threading.Lock()


def matcher() -> SchemeMatcher:
    """The process's matcher, made on first use (no state at import time)."""
    global _matcher
    with _matcher_lock:
        if _matcher is None:
            _matcher = SchemeMatcher()
        return _matcher


def invalidate(**_: object) -> None:
    """A scheme was saved or deleted here: recompile, and rebuild spike baselines from the database."""
    from yuqing.monitoring.spikes import pool

    matcher().invalidate()
    pool().forget()
