"""Rule matching throughput on the real Weibo stream, against one Python `re` regex per rule.

    .venv/bin/python bench/rules.py [--posts 200000] [--rules 10000] [--baseline-posts 300]

Rules are generated from the stream's own words: each rule is built from words that occur
together in one randomly chosen post (so rules fire at realistic rates, not never), in a mix of
AND, OR, NOT, NEAR, phrases and fields. The stream has no titles, sites or sentiments; every post
is from weibo.com, so `site:weibo.com` is set on each (true for this stream), and `author:` rules
use the stream's real (pseudonymous) author ids.

The regex baseline is timed on a sample of posts and extrapolated (printed as such): running
10,000 regexes over 100,000 posts would take hours.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable

from yuqing.analysis.query import RuleSet, matches, parse
from yuqing.analysis.query.ast import META_FIELDS, And, Near, Node, Not, Or, Term
from yuqing.analysis.query.scan import join_batch
from yuqing.analysis.query.text import is_word_char

STREAM = Path(__file__).resolve().parents[2] / "shared/data/stream/ced_weibo_dev.jsonl.gz"
Post = dict[str, Any]


def load_posts(limit: int, min_chars: int = 0) -> list[Post]:
    """The first `limit` posts of the stream (with `min_chars`: only posts at least that long)."""
    posts = []
    with gzip.open(STREAM, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if min_chars and len(record.get("text") or "") < min_chars:
                continue
            posts.append({"id": record["id"], "text": record.get("text") or "", "title": "",
                          "author": record.get("author") or "", "site": "weibo.com"})
            if len(posts) >= limit:
                break
    return posts


def normalize(posts: list[Post]) -> tuple[float, str]:
    """Run the normalize stage over the posts (or, without it, the matcher's own fallback)."""
    try:
        from yuqing.analysis.normalize import NormalizeStage
    except ImportError:
        from yuqing.analysis.query.match_file import _fallback_normalize_post as one

        def stage(batch: list[Post]) -> None:
            for post in batch:
                one(post)
        name = "query fallback normalisation"
    else:
        stage, name = NormalizeStage(), "the normalize stage"
    started = time.perf_counter()
    for offset in range(0, len(posts), 2_000):
        stage(posts[offset : offset + 2_000])
    return time.perf_counter() - started, name


CONTENT_TAGS = {"n", "nr", "ns", "nt", "nz", "vn", "eng"}  # nouns, names, places, organisations


def post_words(posts: list[Post], rng: random.Random) -> tuple[list[list[str]], list[str]]:
    """Per sampled post its content words (nouns and names, in 3 posts to 0.05% of posts), and authors.

    Monitoring rules name places, organisations, people and events, not function words, so
    the rules are drawn from nouns; common ones (微博, 转发) would fire on everything.
    """
    import rjieba

    sample = rng.sample(posts, min(len(posts), 50_000))
    tagged = [rjieba.tag(p["text_norm"]) for p in sample]
    cut = [[w for w, tag in pairs if tag in CONTENT_TAGS and len(w) >= 2 and not w.isdigit()] for pairs in tagged]
    frequency = Counter(w for words in cut for w in set(words))
    band = range(3, int(len(sample) * 0.0005) + 1)
    words = [[w for w in ws if frequency[w] in band] for ws in cut]
    return [ws for ws in words if len(set(ws)) >= 3], [p["author"] for p in sample if p["author"]]


def generate_rules(count: int, words: list[list[str]], authors: list[str], rng: random.Random) -> list[tuple[str, str]]:
    templates: list[tuple[float, Callable[[list[str]], str]]] = [
        (0.30, lambda w: f"{w[0]} {w[1]}"),
        (0.15, lambda w: f"{w[0]} ({w[1]} OR {w[2]})"),
        (0.10, lambda w: f"{w[0]} | {w[1]}"),
        (0.15, lambda w: f"{w[0]} -{w[1]}"),
        (0.10, lambda w: f"{w[0]} NEAR/10 {w[1]}"),
        (0.05, lambda w: f'"{w[0]}{w[1]}" OR {w[2]} NEAR/5f {w[0]}'),
        (0.05, lambda w: f"site:weibo.com {w[0]} {w[1]} NOT {w[2]}"),
        (0.05, lambda w: f"author:{rng.choice(authors)} OR ({w[0]} AND {w[2]})"),
        (0.05, lambda w: f"title:{w[0]} OR ({w[1]} {w[2]})"),
    ]
    weights = [weight for weight, _ in templates]
    rules = []
    for number in range(count):
        chosen = rng.sample(sorted(set(rng.choice(words))), 3)
        template = rng.choices(templates, weights)[0][1]
        rules.append((f"r{number}", template(chosen)))
    return rules


def time_ruleset(rules: list[tuple[str, str]], posts: list[Post], batch: int,
                 repeats: int) -> tuple[RuleSet, float, float, list[list[str]]]:
    """Compile time, and the best of `repeats` full passes (the machine is shared: less noise)."""
    started = time.perf_counter()
    ruleset = RuleSet.compile(rules)
    compiled = time.perf_counter() - started
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        results: list[list[str]] = []
        for offset in range(0, len(posts), batch):
            results.extend(ruleset.match_batch(posts[offset : offset + batch]))
        best = min(best, time.perf_counter() - started)
    return ruleset, compiled, best, results


def time_automaton_only(ruleset: RuleSet, posts: list[Post], batch: int) -> float:
    """The automaton pass alone over the same batches: the floor under the matcher's time."""
    started = time.perf_counter()
    for offset in range(0, len(posts), batch):
        text, _ = join_batch([(p["title_norm"], p["text_norm"]) for p in posts[offset : offset + batch]])
        ruleset._automaton.find(text)  # private on purpose: this measures the automaton only
    return time.perf_counter() - started


def regex_for(node: Node) -> str:
    """One regex (lookaheads from the start of title\\nbody) equivalent to the rule's text part."""
    if isinstance(node, And):
        return "".join(regex_for(child) for child in node.children)
    if isinstance(node, Or):
        return "(?:" + "|".join(regex_for(child) for child in node.children) + ")"
    if isinstance(node, Not):
        return f"(?!{regex_for(node.child)})"
    if isinstance(node, Near):  # characters, not units: the same for the CJK words used here
        left, right, n = _literal(node.left), _literal(node.right), node.distance
        either = f"{left}.{{0,{n}}}?{right}" + ("" if node.ordered else f"|{right}.{{0,{n}}}?{left}")
        return f"(?=.*?(?:{either}))"
    if node.field in META_FIELDS:
        return ""  # checked in Python next to the regex
    scope = "[^\\n]*?" if node.field == "title" else ".*?"
    return f"(?={scope}{_literal(node)})"


def _literal(term: Term) -> str:
    text = re.escape(term.text)
    before = r"(?<![^\W\u4e00-\u9fff])" if is_word_char(term.text[0]) else ""
    after = r"(?![^\W\u4e00-\u9fff])" if is_word_char(term.text[-1]) else ""
    return before + text + after


def meta_terms(node: Node) -> list[Term]:
    if isinstance(node, Term):
        return [node] if node.field in META_FIELDS else []
    if isinstance(node, Near):
        return []
    children = (node.child,) if isinstance(node, Not) else node.children
    return [term for child in children for term in meta_terms(child)]


def has_near(node: Node) -> bool:
    if isinstance(node, (Term, Near)):
        return isinstance(node, Near)
    children = (node.child,) if isinstance(node, Not) else node.children
    return any(has_near(child) for child in children)


def time_regex_baseline(rules: list[tuple[str, str]], posts: list[Post]) -> tuple[float, list[list[str]]]:
    """One compiled regex per rule, tried on every post (metadata terms checked beside it).

    Only rules without metadata terms are a pure regex; for those with metadata terms the regex
    alone decides too when the metadata part is a conjunct it cannot see. We time the regex work
    only and report agreement on the rules that have no metadata terms.
    """
    compiled = [(name, re.compile(regex_for(parse(expr)), re.DOTALL)) for name, expr in rules]
    started = time.perf_counter()
    results = []
    for post in posts:
        haystack = post["title_norm"] + "\n" + post["text_norm"]
        results.append([name for name, pattern in compiled if pattern.match(haystack)])
    return time.perf_counter() - started, results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--rules", type=int, default=10_000)
    parser.add_argument("--baseline-posts", type=int, default=300)
    parser.add_argument("--batch", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--min-chars", type=int, default=0, help="only posts at least this long (MB/s on longer posts)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    posts = load_posts(args.posts, args.min_chars)
    normalize_seconds, normalizer = normalize(posts)
    megabytes = sum(len(p["text_norm"].encode()) for p in posts) / 1e6
    print(f"{len(posts):,} posts, {megabytes:.1f} MB of normalised text (UTF-8), "
          f"{sum(1 for p in posts if not p['text_norm']):,} of them empty; {normalizer} took "
          f"{normalize_seconds:.1f} s ({len(posts) / normalize_seconds:,.0f} posts/s)")
    words, authors = post_words(posts, rng)
    all_rules = generate_rules(args.rules, words, authors, rng)
    for count in sorted({args.rules, min(1_000, args.rules)}, reverse=True):
        report(all_rules[:count], posts, megabytes, normalize_seconds, args, rng)
    return 0


def report(rules: list[tuple[str, str]], posts: list[Post], megabytes: float, normalize_seconds: float,
           args: argparse.Namespace, rng: random.Random) -> None:
    ruleset, compile_seconds, match_seconds, results = time_ruleset(rules, posts, args.batch, args.repeats)
    fired = sum(len(r) for r in results)
    print(f"\n== {len(rules):,} rules ({ruleset.backend}); compile {compile_seconds:.2f} s")
    print(f"compiled matcher (best of {args.repeats}): {match_seconds:.2f} s, {megabytes / match_seconds:.1f} MB/s, "
          f"{len(posts) / match_seconds:,.0f} posts/s; {fired:,} rule hits, "
          f"{sum(1 for r in results if r) / len(posts):.1%} of posts match a rule")
    floor = time_automaton_only(ruleset, posts, args.batch)
    print(f"automaton pass alone: {floor:.2f} s, {megabytes / floor:.1f} MB/s")
    end_to_end = normalize_seconds + match_seconds
    print(f"normalise + match: {len(posts) / end_to_end:,.0f} posts/s")
    sample = rng.sample(range(len(posts)), args.baseline_posts)
    sample_posts = [posts[i] for i in sample]
    regex_seconds, regex_results = time_regex_baseline(rules, sample_posts)
    per_post = regex_seconds / len(sample_posts)
    print(f"regex per rule on a sample of {len(sample_posts)} posts: {regex_seconds:.2f} s → extrapolated "
          f"{1 / per_post:,.0f} posts/s, {len(posts) * per_post:,.0f} s for all {len(posts):,} posts; "
          f"compiled is {len(posts) * per_post / match_seconds:,.0f}x faster")
    check_agreement(rules, sample_posts, [results[i] for i in sample], regex_results)


def check_agreement(rules: list[tuple[str, str]], posts: list[Post], compiled: list[list[str]],
                    regex: list[list[str]]) -> None:
    """On the sample: the compiled matcher against the reference evaluator, and against the regexes."""
    trees = [(name, parse(expression)) for name, expression in rules]
    reference = [[name for name, tree in trees if matches(tree, post)] for post in posts]
    same = sum(a == b for a, b in zip(compiled, reference))
    print(f"compiled == reference evaluator on {same}/{len(posts)} sample posts")
    pure = {name for name, tree in trees if not meta_terms(tree) and not has_near(tree)}
    agree = sum({n for n in a if n in pure} == {n for n in b if n in pure} for a, b in zip(compiled, regex))
    print(f"compiled == regex on {agree}/{len(posts)} sample posts (rules without fields or NEAR)")


if __name__ == "__main__":
    sys.exit(main())
