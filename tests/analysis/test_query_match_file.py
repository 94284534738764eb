"""`run_match`: rules file + JSONL posts → one line per post with the names of its rules."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from yuqing.analysis.query.match_file import RuleFileError, run_match
from yuqing.errors import InputError, QueryError

RULES = "# 永城 monitoring\n\n事故\t永城 NEAR/10 事故\n广告外\t永城 -广告\n英文\tapple OR title:苹果\n"
POSTS = [
    {"id": "1", "text": "永城發生一起重大交通事故", "created_at": 1.0},
    {"id": 2, "text": "永城广告", "author": "甲"},
    {"id": "3", "text": "<b>Apple</b> pie"},
    {"id": "4", "text": "", "title": "苹果发布会"},
]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def read_out(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def jsonl(posts: list[dict[str, object]]) -> str:
    return "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in posts)


def test_each_post_gets_its_rules_in_input_order(tmp_path: Path) -> None:
    rules = write(tmp_path / "rules.txt", RULES)
    posts = write(tmp_path / "in.jsonl", jsonl(POSTS))
    progress = io.StringIO()
    assert run_match(rules, posts, tmp_path / "out.jsonl", progress=progress) == 0
    assert read_out(tmp_path / "out.jsonl") == [
        {"id": "1", "rules": ["事故", "广告外"]},
        {"id": 2, "rules": []},
        {"id": "3", "rules": ["英文"]},
        {"id": "4", "rules": ["英文"]},
    ]
    assert "4 posts" in progress.getvalue() and "3 matched" in progress.getvalue()


def test_gzipped_input(tmp_path: Path) -> None:
    rules = write(tmp_path / "rules.txt", RULES)
    with gzip.open(tmp_path / "in.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(jsonl(POSTS))
    assert run_match(rules, tmp_path / "in.jsonl.gz", tmp_path / "out.jsonl", progress=io.StringIO()) == 0
    assert len(read_out(tmp_path / "out.jsonl")) == 4


def test_bad_lines_are_reported_with_their_number_and_reason_never_dropped_silently(tmp_path: Path) -> None:
    rules = write(tmp_path / "rules.txt", RULES)
    lines = [jsonl(POSTS[:1]), "not json\n", "\n", '["a list"]\n', '{"text": "no id"}\n',
             '{"id": "5", "text": 42}\n', jsonl(POSTS[2:3])]
    posts = write(tmp_path / "in.jsonl", "".join(lines))
    progress = io.StringIO()
    assert run_match(rules, posts, tmp_path / "out.jsonl", progress=progress) == 1
    assert [p["id"] for p in read_out(tmp_path / "out.jsonl")] == ["1", "3"]
    report = progress.getvalue()
    for number, reason in ((2, "not JSON"), (4, "not a JSON object"), (5, "no id"), (6, "text is int")):
        assert f"line {number}: rejected: {reason}" in report
    assert "4 lines rejected" in report


def test_a_rule_that_does_not_parse_stops_with_line_position_and_reason(tmp_path: Path) -> None:
    rules = write(tmp_path / "rules.txt", "# header\nok\t永城\n\nbad\t永城 AND (事故\n")
    posts = write(tmp_path / "in.jsonl", jsonl(POSTS))
    with pytest.raises(RuleFileError) as caught:
        run_match(rules, posts, tmp_path / "out.jsonl", progress=io.StringIO())
    error = caught.value
    assert isinstance(error, QueryError)
    assert (error.line, error.position) == (4, 7)
    assert "line 4" in str(error) and "character 8" in str(error) and "never closed" in str(error)
    assert "第 4 行" in error.message_zh and "没有闭合" in error.message_zh


def test_a_rule_line_without_a_tab_is_refused(tmp_path: Path) -> None:
    rules = write(tmp_path / "rules.txt", "永城 事故\n")
    posts = write(tmp_path / "in.jsonl", jsonl(POSTS))
    with pytest.raises(InputError, match="line 1: write the rule as name<TAB>expression"):
        run_match(rules, posts, tmp_path / "out.jsonl", progress=io.StringIO())


def test_a_line_nested_too_deeply_is_rejected_and_the_next_lines_matched(tmp_path: Path) -> None:
    rules = write(tmp_path / "rules.txt", RULES)
    posts = write(tmp_path / "in.jsonl", jsonl(POSTS[:1]) + "[" * 100_000 + "\n" + jsonl(POSTS[2:3]))
    progress = io.StringIO()
    run_match(rules, posts, tmp_path / "out.jsonl", progress=progress)
    assert [p["id"] for p in read_out(tmp_path / "out.jsonl")] == ["1", "3"]
    assert "line 2: rejected: not JSON" in progress.getvalue()
