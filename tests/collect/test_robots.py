"""robots.txt parsing and matching as RFC 9309 specifies."""

from __future__ import annotations

import pytest

from yuqing.collect.robots import parse_robots

ROBOTS = """\
Disallow: /before-any-group   # ignored: no user-agent yet
User-agent: *
Disallow: /private/
Allow: /private/public$
Disallow: /*?sessionid=
Disallow: /*.pdf$

User-agent: Yuqing/1.0
User-agent: otherbot
Disallow: /not-for-yuqing
Crawl-delay: 3

user-agent: yuqing
disallow: /also-not
allow: /also-not/but-this
"""


@pytest.mark.parametrize(("agent", "path", "allowed"), [
    ("somebot", "/private/x", False),
    ("somebot", "/private/public", True),       # longer Allow wins
    ("somebot", "/private/public/x", False),     # $ anchors the end
    ("somebot", "/a?sessionid=1", False),         # * wildcard
    ("somebot", "/a?b=1", True),
    ("somebot", "/file.pdf", False),
    ("somebot", "/file.pdf?x", True),
    ("somebot", "/before-any-group", True),
    ("somebot", "/robots.txt", True),
    ("yuqing", "/private/x", True),               # our groups replace the * group
    ("yuqing", "/not-for-yuqing/page", False),
    ("yuqing", "/also-not/x", False),             # both groups naming us are merged
    ("yuqing", "/also-not/but-this", True),
    ("YUQING", "/not-for-yuqing", False),         # product tokens match case-insensitively
])
def test_matching(agent: str, path: str, allowed: bool) -> None:
    assert parse_robots(ROBOTS, agent).allows(path) is allowed


def test_allow_wins_a_tie() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /page\nAllow: /page\n", "x")
    assert rules.allows("/page")


def test_crawl_delay_of_our_group() -> None:
    assert parse_robots(ROBOTS, "yuqing").crawl_delay == 3.0
    assert parse_robots(ROBOTS, "somebot").crawl_delay is None


def test_empty_disallow_allows_everything() -> None:
    assert parse_robots("User-agent: *\nDisallow:\n", "x").allows("/anything")


def test_non_ascii_paths_compare_percent_encoded() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /新闻/\nDisallow: /%e6%8a%a5/\n", "x")
    assert not rules.allows("/%E6%96%B0%E9%97%BB/1.html")
    assert not rules.allows("/报/1.html")
    assert rules.allows("/其他/")


def test_garbage_is_harmless() -> None:
    rules = parse_robots("\x00\x01<html>not robots</html>\nUser-agent: *\nDisallow: /x\n", "x")
    assert rules.allows("/y") and not rules.allows("/x")


def test_a_rule_missing_its_colon_is_obeyed() -> None:
    # Protego reads "Disallow /x" as Google's parser does: the cautious reading (ours ignored it).
    assert not parse_robots("User-agent: *\nDisallow /x\n", "x").allows("/x")
