"""Property tests (hypothesis): on random rules over random short posts, the compiled matcher
gives exactly what the reference evaluator gives; and the canonical form of any tree parses back."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yuqing.analysis.query import RuleSet, format, matches, parse
from yuqing.analysis.query.ast import And, Near, Node, Not, Or, Term

PLACES = {"永城": ["411481"], "河南": ["41"]}


def resolve(name: str) -> list[str]:
    return PLACES.get(name, [])


LITERALS = ["永", "城", "永城", "事故", "故事", "a", "ab", "b", "a b", "ab永", "城a"]
TEXT_ALPHABET = "永城事故ab ,-。"


def text_terms(field: str | None) -> st.SearchStrategy[Term]:
    return st.sampled_from(LITERALS).map(lambda text: Term(text, field, phrase=" " in text))


META_TERMS = st.sampled_from([
    Term("weibo.com", "site"), Term("m.weibo.com", "site"), Term("甲", "author"),
    Term("negative", "sentiment"), Term("positive", "sentiment"), Term("zh", "lang"),
    Term("41", "place"), Term("411481", "place"), Term("永城", "place"), Term("人民网", "source"),
    Term("1", "risk"), Term("0", "risk"), Term("事故灾难", "type"), Term("其他", "type"),
])
NEARS = st.builds(
    lambda field, left, right, distance, ordered: Near(
        Term(left, field, " " in left), Term(right, field, " " in right), distance, ordered),
    st.sampled_from([None, None, "title"]), st.sampled_from(LITERALS), st.sampled_from(LITERALS),
    st.integers(0, 4), st.booleans(),
)
LEAVES = st.one_of(text_terms(None), text_terms("title"), META_TERMS, NEARS)


def _compound(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    many = st.lists(children, min_size=2, max_size=3).map(tuple)
    return st.one_of(many.map(And), many.map(Or), children.map(Not))


RULES = st.recursive(LEAVES, _compound, max_leaves=6)
# texts built from the literals themselves, so that occurrences, near misses and boundaries abound
PIECES = st.one_of(st.sampled_from(LITERALS), st.sampled_from(TEXT_ALPHABET))
POSTS = st.fixed_dictionaries(
    {"text": st.lists(PIECES, max_size=12).map("".join), "title": st.lists(PIECES, max_size=4).map("".join)},
    optional={
        "site": st.sampled_from(["weibo.com", "m.weibo.com", "qq.com", ""]),
        "author": st.sampled_from(["甲", "乙"]),
        "source": st.sampled_from(["人民网", "其他"]),
        "sentiment": st.sampled_from([{"label": "negative"}, {"label": "positive"}, "neutral", None]),
        "lang": st.sampled_from(["zh", "zh-CN", "en"]),
        "risk": st.sampled_from([{"label": 1, "type": "事故灾难"}, {"label": 1, "type": "其他"},
                                 {"label": 0, "type": None}, {"score": 0.2}, None]),
        "places": st.lists(st.sampled_from([{"code": "411481"}, {"code": "410100"}, {"code": "110105"}]),
                           max_size=2),
    },
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules=st.lists(RULES, min_size=1, max_size=6), posts=st.lists(POSTS, min_size=1, max_size=5))
def test_compiled_matcher_agrees_with_the_reference_evaluator(rules: list[Node], posts: list[dict[str, Any]]) -> None:
    expressions = [format(rule) for rule in rules]
    trees = [parse(expression) for expression in expressions]
    ruleset = RuleSet.compile([(f"r{i}", e) for i, e in enumerate(expressions)], place_resolver=resolve)
    expected = [
        [f"r{i}" for i, tree in enumerate(trees) if matches(tree, post, place_resolver=resolve)]
        for post in posts
    ]
    assert ruleset.match_batch(posts) == expected


def flat(node: Node) -> Node:
    """The tree as the parser builds it: nested ANDs (ORs) merged into their parent."""
    if isinstance(node, Not):
        return Not(flat(node.child))
    if isinstance(node, (And, Or)):
        merged: list[Node] = []
        for child in map(flat, node.children):
            merged.extend(child.children if isinstance(child, type(node)) else (child,))  # type: ignore[union-attr]
        return type(node)(tuple(merged))
    return node


def positionless(node: Node) -> Node:
    if isinstance(node, Term):
        return Term(node.text, node.field, node.phrase)
    if isinstance(node, Near):
        return Near(positionless(node.left), positionless(node.right), node.distance, node.ordered)  # type: ignore[arg-type]
    if isinstance(node, Not):
        return Not(positionless(node.child))
    return type(node)(tuple(map(positionless, node.children)))


@settings(max_examples=300, deadline=None)
@given(rule=RULES)
def test_format_of_any_tree_parses_back_to_it(rule: Node) -> None:
    assert positionless(parse(format(rule))) == flat(rule)
