"""`yuqing analyze`: one output line per input line, in order, bad lines reported in place."""

from __future__ import annotations

import gzip
import json

from yuqing.analysis.analyze_file import run_analyze


def test_output_lines_follow_input_lines(tmp_path):
    source = tmp_path / "in.jsonl.gz"
    rows = [
        json.dumps({"id": "a", "text": "河南永城市一化工厂起火，消防车赶到", "created_at": 1764000000}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "text": "转发微博//@某人:河南永城市一化工厂起火，消防车赶到", "created_at": "2025-11-24T23:00:00+08:00"}, ensure_ascii=False),
        json.dumps({"text": "没有 id"}, ensure_ascii=False),
        json.dumps({"id": "c", "title": "郑州暴雨", "text": ""}, ensure_ascii=False),
    ]
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(rows) + "\n")
    out = tmp_path / "out.jsonl"
    assert run_analyze(source, out, progress=None) == 5
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", None, "b", None, "c"]
    assert "line 2" in lines[1]["error"] and "id" in lines[3]["error"]
    first = lines[0]
    assert set(first) == {"id", "sentiment", "risk", "places", "event", "duplicate_of", "keywords"}
    assert any(p["name"] == "永城市" and p["mention"] in "河南永城市" and p["level"] == "county" for p in first["places"])
    assert lines[2]["event"] == first["event"]  # the repost joins its original's event
    assert lines[4]["keywords"]


def test_a_line_nested_too_deeply_is_reported_and_the_next_lines_analysed(tmp_path):
    source = tmp_path / "in.jsonl"
    good = [json.dumps({"id": n, "text": "郑州暴雨"}, ensure_ascii=False) for n in ("a", "b")]
    source.write_text("\n".join([good[0], "[" * 100_000, good[1]]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_analyze(source, out, progress=None) == 3
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", None, "b"] and "line 2" in lines[1]["error"]
