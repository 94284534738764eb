"""`yuqing match RULES.txt IN.jsonl[.gz] -o OUT.jsonl`: which rules each post of a file matches.

RULES.txt: one rule a line, `name<TAB>expression`; blank lines and lines starting with # are
skipped. IN: one JSON object a line with `id`, `text` and optionally `title`, `site`, `author`,
`source`, `lang`, `places`, `sentiment`, `risk`. OUT: `{"id": ..., "rules": [names]}` a line, in input order.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator, TextIO

from yuqing.analysis.query.ruleset import RuleError, RuleSet
from yuqing.analysis.query.text import normalize_for_match
from yuqing.errors import InputError, QueryError

BATCH = 2_000
PROGRESS_EVERY = 50_000


class RuleFileError(QueryError):
    """A rule of a rules file does not parse: names the file, the line, the position and why."""

    def __init__(self, path: Path, line: int, error: RuleError) -> None:
        reason = error.reason
        super().__init__(f"{path}, line {line} (rule {error.rule_name!r}): {reason}", reason.position,
                         f"{path} 第 {line} 行（规则 {error.rule_name}）：{reason.message_zh}")
        self.path, self.line = path, line


def read_rules(path: Path) -> tuple[list[tuple[str, str]], list[int]]:
    """(name, expression) pairs and the line number of each; InputError on a malformed line."""
    rules: list[tuple[str, str]] = []
    lines: list[int] = []
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            name, tab, expression = line.partition("\t")
            if not tab or not name.strip():
                raise InputError(f"{path}, line {number}: write the rule as name<TAB>expression")
            rules.append((name.strip(), expression))
            lines.append(number)
    return rules, lines


def compile_rules(path: Path) -> RuleSet:
    rules, lines = read_rules(path)
    try:
        return RuleSet.compile(rules)
    except RuleError as error:
        raise RuleFileError(path, lines[error.rule_number], error) from None


def run_match(rules_path: str | Path, in_path: str | Path, out_path: str | Path,
              progress: TextIO | None = None) -> int:
    """Match every post of in_path against the rules; returns the exit status.

    0 when every input line was used; 1 when some were rejected (each is reported on `progress`
    with its line number and the reason). A rule that does not parse raises RuleFileError.
    """
    progress = progress or sys.stderr  # looked up now, not at import: callers may redirect it
    ruleset = compile_rules(Path(rules_path))
    normalize = _normalizer()
    counts = {"posts": 0, "matched": 0, "rejected": 0}
    started = time.perf_counter()
    with _open_out(out_path) as out:
        batch: list[dict[str, Any]] = []
        for post in _read_posts(Path(in_path), progress, counts):
            normalize(post)
            batch.append(post)
            if len(batch) >= BATCH:
                _write(ruleset, batch, out, counts, progress, started)
                batch = []
        _write(ruleset, batch, out, counts, progress, started)
    rate = counts["posts"] / max(time.perf_counter() - started, 1e-9)
    print(f"done: {counts['posts']:,} posts ({rate:,.0f}/s), {counts['matched']:,} matched a rule, "
          f"{counts['rejected']:,} lines rejected", file=progress)
    return 1 if counts["rejected"] else 0


def _write(ruleset: RuleSet, batch: list[dict[str, Any]], out: TextIO, counts: dict[str, int],
           progress: TextIO, started: float) -> None:
    for post, names in zip(batch, ruleset.match_batch(batch)):
        out.write(json.dumps({"id": post["id"], "rules": names}, ensure_ascii=False) + "\n")
        counts["matched"] += bool(names)
    before = counts["posts"]
    counts["posts"] += len(batch)
    if counts["posts"] // PROGRESS_EVERY > before // PROGRESS_EVERY:
        rate = counts["posts"] / max(time.perf_counter() - started, 1e-9)
        print(f"{counts['posts']:,} posts ({rate:,.0f}/s), {counts['matched']:,} matched", file=progress)


def _read_posts(path: Path, progress: TextIO, counts: dict[str, int]) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            post, reason = _post_from(line)
            if post is None:
                counts["rejected"] += 1
                print(f"{path}, line {number}: rejected: {reason}", file=progress)
                continue
            yield post


def _post_from(line: str) -> tuple[dict[str, Any] | None, str]:
    """The post on a line, or None and why it cannot be used."""
    try:
        post = json.loads(line)
    except (ValueError, RecursionError) as error:  # RecursionError: [[[[… nested too deep
        return None, f"not JSON ({error})"
    if not isinstance(post, dict):
        return None, "not a JSON object"
    if not isinstance(post.get("id"), (str, int)):
        return None, "no id (a string or a number)"
    for field in ("text", "title"):
        if post.get(field) is not None and not isinstance(post[field], str):
            return None, f"{field} is {type(post[field]).__name__}, not text"
    return post, ""


def _normalizer() -> Callable[[dict[str, Any]], None]:
    """The normalize stage's per-post function when installed, else text_norm/title_norm only."""
    try:
        from yuqing.analysis.normalize import normalize_post
    except ImportError:
        return _fallback_normalize_post
    return normalize_post


def _fallback_normalize_post(post: dict[str, Any]) -> None:
    for field in ("text", "title"):
        post[f"{field}_norm"] = " ".join(normalize_for_match(post.get(field) or "").split())


def _open_out(out_path: str | Path) -> TextIO:
    if str(out_path) == "-":
        return open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False)
    return open(out_path, "w", encoding="utf-8")
