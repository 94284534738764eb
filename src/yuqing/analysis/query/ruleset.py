"""Many rules over many posts in one pass (the percolator pattern).

All literals of all rules go into one automaton; each rule is indexed under its trigger (a set
of literal ids, one of which must occur for the rule to match). Per post, only rules whose
trigger fired are evaluated, plus the few that can match with no literal at all (`-广告`).
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from yuqing.analysis.query.automaton import Automaton
from yuqing.analysis.query.compiler import LiteralTable, Predicate, predicates, source, trigger
from yuqing.analysis.query.fields import PlaceResolver
from yuqing.analysis.query.meta_index import MetaIndex
from yuqing.analysis.query.parser import parse
from yuqing.analysis.query.scan import PostScan, scan_batch
from yuqing.analysis.query.text import normalized_texts
from yuqing.errors import QueryError


class RuleError(QueryError):
    """A rule of a rule set does not compile; says which rule, where in it, and why."""

    def __init__(self, name: str, number: int, error: QueryError) -> None:
        super().__init__(f"rule {number + 1} ({name!r}): {error}", error.position,
                         f"第 {number + 1} 条规则（{name}）：{error.message_zh}")
        self.rule_name, self.rule_number, self.reason = name, number, error


class RuleSet:
    """Compiled rules; `match(post)` gives the names of the rules the post satisfies, in rule order."""

    def __init__(self, names: list[str], checks: list[Predicate],
                 triggers: list[frozenset[int] | None], table: LiteralTable) -> None:
        self.names = names
        self._checks = checks
        self._table = table
        self._index: dict[int, list[int]] = {}
        for number, ids in enumerate(triggers):
            for ident in ids or ():
                self._index.setdefault(ident, []).append(number)
        self._always = [number for number, ids in enumerate(triggers) if ids is None]
        self._automaton = Automaton(table.patterns())
        self._flags = table.boundary_flags()
        self._meta = MetaIndex(table.meta_index, self._index)

    @classmethod
    def compile(cls, rules: Iterable[tuple[str, str]],
                place_resolver: PlaceResolver | None = None) -> RuleSet:
        """Parse and compile (name, expression) pairs; raises RuleError naming the bad rule."""
        table = LiteralTable(place_resolver)
        names: list[str] = []
        sources: list[str] = []
        triggers: list[frozenset[int] | None] = []
        for number, (name, expression) in enumerate(rules):
            try:
                node = parse(expression)
                sources.append(source(node, table))
                triggers.append(trigger(node, table))
            except QueryError as error:
                raise RuleError(name, number, error) from None
            names.append(name)
        return cls(names, predicates(sources), triggers, table)

    @property
    def backend(self) -> str:
        """The automaton implementation in use (ahocorasick_rs or pyahocorasick)."""
        return self._automaton.backend

    def match(self, post: dict[str, Any]) -> list[str]:
        return self.match_batch([post])[0]

    def match_batch(self, posts: Sequence[dict[str, Any]]) -> list[list[str]]:
        """For each post, the names of matching rules in rule order. One automaton pass in all."""
        table = self._table
        texts = [normalized_texts(post) for post in posts]
        scans = scan_batch(self._automaton, self._flags, table.near_literals, table.nears, texts)
        results: list[list[str]] = [[] for _ in posts]
        meta = self._meta
        if self._always or meta.trigger_fields:  # some rules may fire on posts with no literal
            for index in range(len(posts)):
                if index not in scans and (self._always or meta.ids(posts[index], meta.trigger_fields)):
                    scans[index] = PostScan("", 0, 0, 0, table.nears)
        for index, scan in scans.items():
            metas = meta.ids(posts[index], meta.fields) if meta.fields else ()
            results[index] = self._evaluate(scan, metas)
        return results

    def _evaluate(self, scan: PostScan, metas: Sequence[int]) -> list[str]:
        present = scan.present
        present.update(metas)
        index = self._index
        candidates = set(self._always)
        for ident in present:
            if ident in index:
                candidates.update(index[ident])
        checks, in_title, names = self._checks, scan.in_title, self.names
        return [names[n] for n in sorted(candidates) if checks[n](present, in_title, scan)]
