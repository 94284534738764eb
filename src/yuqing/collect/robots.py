"""robots.txt as RFC 9309 reads it, by Protego (the parser Scrapy uses).

Protego follows the RFC where the standard library's urllib.robotparser does not: the longest
match wins (allow on a tie), `*` and `$` in paths (real Chinese sites write `Disallow: /*?*`),
groups naming us merged, non-ASCII paths compared percent-encoded. It replaced our own 111-line
parser: the same tests pass (tests/collect/test_robots.py) except one, where Protego is the more
cautious: a rule line missing its colon ("Disallow /x") is obeyed, as Google's parser does. What stays ours is only the policy around it
(robots_cache: what an unreachable robots.txt means) and our product token.
"""

from __future__ import annotations

import re

from protego import Protego

MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309 2.5: parse at least 500 KiB; we parse no more
# "User-agent: Yuqing/1.0" names the product token "Yuqing"; Protego would compare the whole value.
_AGENT_VERSION = re.compile(r"(?im)^(\s*user-agent\s*:\s*)([^\s/#]+)/[^\s#]*")


class RobotsRules:
    """The rules for one user agent; `allows(path)` answers for a path with its query."""

    def __init__(self, parser: Protego | None, product_token: str = "*", allow_all: bool = True) -> None:
        self._parser, self._token, self._allow_all = parser, product_token, allow_all

    def allows(self, path: str) -> bool:
        if path == "/robots.txt":
            return True
        if self._parser is None:
            return self._allow_all
        return self._parser.can_fetch(path or "/", self._token)

    @property
    def crawl_delay(self) -> float | None:
        delay = self._parser.crawl_delay(self._token) if self._parser is not None else None
        return None if delay is None else max(0.0, float(delay))


ALLOW_ALL = RobotsRules(None, allow_all=True)
DISALLOW_ALL = RobotsRules(None, allow_all=False)


def parse_robots(text: str, product_token: str) -> RobotsRules:
    """The rules of the groups naming `product_token`, else of the `*` groups."""
    return RobotsRules(Protego.parse(_AGENT_VERSION.sub(r"\1\2", text[:MAX_ROBOTS_BYTES])), product_token)
