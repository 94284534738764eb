"""Compile a query AST into one SQL condition over documents_document, for SQLite or PostgreSQL.

Text leaves go to the bigram index (FTS5 MATCH / tsvector @@); maximal index-only subtrees
become one index expression. `Cond.exact` is False when the condition is only a superset of the
true answer; the caller then verifies candidates with the reference matcher.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yuqing.analysis.query.ast import And, Near, Node, Not, Or, Term
from yuqing.analysis.textindex import normalizer, run_tokens, runs

DOC = "documents_document"
SENTIMENT_VALUES = {"负面": "negative", "中性": "neutral", "正面": "positive"}


@dataclass
class Cond:
    sql: str
    params: list = field(default_factory=list)
    exact: bool = True
    index: str | None = None  # the index expression, while the subtree is index-only
    negated: bool = False  # with `index`: the documents NOT matching it


def is_single_char_term(term: Term) -> bool:
    if term.field not in (None, "title"):
        return False
    parts = list(runs(normalizer()(term.text)))
    return any(is_cjk and len(run) == 1 for run, is_cjk in parts)


class Compiler:
    def __init__(self, vendor: str) -> None:
        self.sqlite = vendor == "sqlite"

    def compile(self, node: Node) -> Cond:
        cond = self._node(node)
        return self._finish(cond)

    def _finish(self, cond: Cond) -> Cond:
        if cond.index is None:
            return cond
        if self.sqlite:
            sql = f"{DOC}.id IN (SELECT rowid FROM document_fts WHERE document_fts MATCH %s)"
        else:
            sql = f"{DOC}.id IN (SELECT doc_id FROM document_search WHERE tsv @@ %s::tsquery)"
        return Cond(f"NOT ({sql})" if cond.negated else sql, [cond.index], cond.exact)

    def _node(self, node: Node) -> Cond:
        if isinstance(node, Term):
            return self._term(node)
        if isinstance(node, Near):
            both = self._combine([self._term(node.left), self._term(node.right)], "AND")
            return Cond(both.sql, both.params, False, both.index)
        if isinstance(node, Not):
            return self._not(self._node(node.child))
        op = "AND" if isinstance(node, And) else "OR"
        return self._combine([self._node(child) for child in node.children], op)

    def _not(self, child: Cond) -> Cond:
        if not child.exact:  # the complement of a superset is not a superset: verify everything
            return Cond("1=1", [], False)
        if child.index is not None:
            if not self.sqlite and not child.negated:  # tsquery has a unary NOT
                return Cond("", [], True, f"!({child.index})")
            return Cond("", [], True, child.index, negated=not child.negated)
        return Cond(f"NOT ({child.sql})", child.params, True)

    def _combine(self, parts: list[Cond], op: str) -> Cond:
        exact = all(part.exact for part in parts)
        if all(part.index is not None and not part.negated for part in parts):
            joiner = f" {op} " if self.sqlite else (" & " if op == "AND" else " | ")
            return Cond("", [], exact, joiner.join(f"({part.index})" for part in parts))
        if op == "AND" and self.sqlite:
            merged = self._fts_and_not(parts)
            if merged is not None:
                return merged
        finished = [self._finish(part) for part in parts]
        sql = f" {op} ".join(f"({part.sql})" for part in finished)
        params = [param for part in finished for param in part.params]
        return Cond(sql, params, exact)

    def _fts_and_not(self, parts: list[Cond]) -> Cond | None:
        """FTS5 has binary NOT: `a AND NOT b` stays one MATCH as `(a) NOT (b)`."""
        positives = [p for p in parts if p.index is not None and not p.negated]
        negatives = [p for p in parts if p.index is not None and p.negated]
        if not positives or len(positives) + len(negatives) != len(parts):
            return None
        expr = " AND ".join(f"({p.index})" for p in positives)
        for negative in negatives:
            expr = f"({expr}) NOT ({negative.index})"
        return Cond("", [], all(p.exact for p in parts), expr)

    def _term(self, term: Term) -> Cond:
        if term.field in (None, "title"):
            return self._text_term(term)
        return self._meta_term(term)

    def _text_term(self, term: Term) -> Cond:
        parts = list(runs(normalizer()(term.text)))
        if not parts:
            return Cond("1=0", [], False)
        singles = [run for run, is_cjk in parts if is_cjk and len(run) == 1]
        if singles:
            return self._scan(singles, len(parts) == 1)
        exprs = [self._phrase(run_tokens(run, is_cjk), term.field == "title") for run, is_cjk in parts]
        joiner = " AND " if self.sqlite else " & "
        return Cond("", [], len(parts) == 1, joiner.join(exprs))

    def _phrase(self, tokens: list[str], title_only: bool) -> str:
        if self.sqlite:
            phrase = '"' + " ".join(tokens) + '"'
            return f"title : {phrase}" if title_only else phrase
        weight = ":A" if title_only else ""
        quoted = ["'" + t.replace("\\", "\\\\").replace("'", "''") + "'" + weight for t in tokens]
        return "(" + " <-> ".join(quoted) + ")"

    def _scan(self, chars: list[str], alone: bool) -> Cond:
        fn = "instr({col}, %s) > 0" if self.sqlite else "strpos({col}, %s) > 0"
        clauses, params = [], []
        for char in chars:
            clauses.append("(" + " OR ".join(fn.format(col=f"{DOC}.{c}") for c in ("title", "text")) + ")")
            params += [char, char]
        # Raw text may hold the traditional or full-width form: verify after normalisation.
        return Cond(" AND ".join(clauses), params, False)

    def _meta_term(self, term: Term) -> Cond:
        """Metadata fields, with the matcher's semantics (yuqing.analysis.query.fields).

        Values in the AST are already canonical (lower-case, NFKC). author and source compare
        case-insensitively in SQL, then candidates are verified, because the matcher's
        normalisation is wider than SQL's lower()."""
        value = term.text
        if term.field == "site":
            return Cond(f"(lower({DOC}.site) = %s OR lower({DOC}.site) LIKE %s ESCAPE '\\')", [value, "%." + _like(value)])
        if term.field == "author":
            return Cond(f"lower({DOC}.author) = %s", [value], exact=False)
        if term.field == "lang":
            return Cond(f"(lower({DOC}.language) = %s OR lower({DOC}.language) LIKE %s ESCAPE '\\')", [value, _like(value) + "-%"])
        if term.field == "sentiment":
            return Cond(f"{DOC}.sentiment = %s", [SENTIMENT_VALUES.get(value, value)])
        if term.field == "risk":  # null before analysis: neither risk:1 nor risk:0 (so NOT risk:1 holds)
            return Cond(f"({DOC}.risk IS NOT NULL AND {DOC}.risk = %s)", [int(value)])
        if term.field == "type":
            return Cond(f"{DOC}.risk_type = %s", [value])
        if term.field == "source":
            return Cond(f"{DOC}.source_id IN (SELECT id FROM sources_source WHERE lower(name) = %s)", [value], exact=False)
        if term.field == "place":
            return self._place(term)
        if term.field == "platform":
            return Cond(f"{DOC}.platform = %s", [value])
        if term.field == "ip":  # the poster's province, from the IP 属地 (analysis writes ip_province)
            from yuqing.analysis.query.fields import term_keys

            keys = list(term_keys(term))
            return Cond(f"{DOC}.ip_province IN ({', '.join(['%s'] * len(keys))})", keys)
        raise ValueError(f"unknown field {term.field!r}")

    def _place(self, term: Term) -> Cond:
        from yuqing.analysis.query.fields import term_keys

        prefixes = list(term_keys(term))
        if not prefixes:
            return Cond("1=0", [])
        likes = " OR ".join(["code LIKE %s"] * len(prefixes))
        sql = f"{DOC}.id IN (SELECT document_id FROM documents_documentplace WHERE {likes})"
        return Cond(sql, [p + "%" for p in prefixes])


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
