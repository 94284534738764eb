"""The rule language shared by monitoring rules and the search box (docs/rule-language.md).

`parse(expression)` gives an AST (see `ast`); `format(node)` prints its canonical form;
`matches(node, post)` is the reference evaluator; `RuleSet.compile(rules)` evaluates many rules
over posts in one pass. The search backends in `yuqing.documents.search` compile the same AST to SQL.
"""

from yuqing.analysis.query.canonical import format
from yuqing.analysis.query.evaluate import matches
from yuqing.analysis.query.parser import parse
from yuqing.analysis.query.ruleset import RuleError, RuleSet
from yuqing.analysis.query.text import normalize_for_match

__all__ = ["RuleError", "RuleSet", "format", "matches", "normalize_for_match", "parse"]
