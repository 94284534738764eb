"""robots.txt as RFC 9309 reads it: groups per user agent, longest match wins, allow wins a tie.

The standard library's urllib.robotparser predates the RFC: it takes the first matching rule
instead of the longest and does not understand `*` or `$` in paths, which real Chinese sites
use (`Disallow: /*?*`). This parser is small and follows the RFC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309 2.5: parse at least 500 KiB; we parse no more
_LINE = re.compile(r"^\s*([A-Za-z-]+)\s*:\s*(.*?)\s*$")
_PERCENT = re.compile(r"%[0-9a-fA-F]{2}")


@dataclass(frozen=True)
class Rule:
    allow: bool
    pattern: str
    regex: re.Pattern[str]


@dataclass
class RobotsRules:
    """The rules that apply to one user agent; `allows(path)` answers for a path with query."""

    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None

    def allows(self, path: str) -> bool:
        if path == "/robots.txt":
            return True
        target = normalise_path(path or "/")
        best: Rule | None = None
        for rule in self.rules:
            if rule.regex.match(target) and (best is None or _beats(rule, best)):
                best = rule
        return best is None or best.allow


def _beats(rule: Rule, best: Rule) -> bool:
    if len(rule.pattern) != len(best.pattern):
        return len(rule.pattern) > len(best.pattern)
    return rule.allow and not best.allow


ALLOW_ALL = RobotsRules()
DISALLOW_ALL = RobotsRules([Rule(False, "/", re.compile("/"))])


def normalise_path(path: str) -> str:
    """Percent-encode non-ASCII as UTF-8 and upper-case escapes, so patterns and paths compare."""
    encoded = quote(path, safe="".join(chr(c) for c in range(0x21, 0x7F)))
    return _PERCENT.sub(lambda m: m.group(0).upper(), encoded)


def _compile(pattern: str) -> re.Pattern[str]:
    anchored = pattern.endswith("$")
    body = normalise_path(pattern[:-1] if anchored else pattern)
    regex = ".*".join(re.escape(piece) for piece in body.split("*"))
    return re.compile(regex + ("$" if anchored else ""))


def parse_robots(text: str, product_token: str) -> RobotsRules:
    """The combined rules of every group naming `product_token`, else of the `*` groups."""
    token = product_token.lower()
    groups = _groups(text[:MAX_ROBOTS_BYTES])
    chosen = [lines for agents, lines in groups if token in agents]
    chosen = chosen or [lines for agents, lines in groups if "*" in agents]
    rules = RobotsRules()
    for lines in chosen:
        for key, value in lines:
            _add_line(rules, key, value)
    return rules


Group = tuple[set[str], list[tuple[str, str]]]


def _groups(text: str) -> list[Group]:
    """Consecutive user-agent lines open a group; rule lines before any user-agent are ignored."""
    groups: list[Group] = []
    for line in text.splitlines():
        match = _LINE.match(line.split("#", 1)[0])
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2)
        if key == "user-agent":
            if not groups or groups[-1][1]:
                groups.append((set(), []))
            groups[-1][0].add(_agent_token(value))
        elif groups:
            groups[-1][1].append((key, value))
    return groups


def _agent_token(value: str) -> str:
    return re.split(r"[/\s]", value.strip(), maxsplit=1)[0].lower()


def _add_line(rules: RobotsRules, key: str, value: str) -> None:
    if key in ("allow", "disallow") and value:  # an empty Disallow matches nothing
        rules.rules.append(Rule(key == "allow", value, _compile(value)))
    elif key == "crawl-delay":
        try:
            rules.crawl_delay = max(0.0, float(value))
        except ValueError:
            pass
