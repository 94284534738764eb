"""File imports: JSONL/CSV/gzip, mapping, bad rows as rejects with their line, resumable positions."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.shared_data import shared_path
from yuqing.collect.files import read_records
from yuqing.collect.items import CollectedItem, Rejected

GOOD = {"id": "p1", "title": "标题", "text": "正文", "author": "甲", "created_at": 1714521600, "site": "weibo.com"}


def write_jsonl(path: Path, lines: list[object]) -> Path:
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines) + "\n",
                    encoding="utf-8")
    return path


def test_a_good_row(tmp_path: Path) -> None:
    [item] = read_records(write_jsonl(tmp_path / "a.jsonl", [GOOD]))
    assert isinstance(item, CollectedItem)
    assert (item.external_id, item.title, item.text, item.author, item.site) == ("p1", "标题", "正文", "甲", "weibo.com")
    assert item.published_at == datetime(2024, 5, 1, tzinfo=timezone.utc)
    assert item.raw == GOOD and item.position == 1


def test_each_problem_becomes_a_reject_with_its_line(tmp_path: Path) -> None:
    lines = [
        GOOD,                                   # 1 fine
        "{not json",                            # 2
        {"id": "p3", "text": "x", "created_at": "yesterday"},  # 3 bad date
        {"id": "p4", "created_at": 1},          # 4 no text, no title
        {"text": "no id, no url"},              # 5
        [1, 2],                                 # 6 not an object
        {"id": "p7", "text": {"nested": 1}},    # 7 text is not text
        "",                                     # 8 blank: not a record
        {"url": "https://a.example/x?utm_source=y", "text": "t"},  # 9 fine, id from url
    ]
    records = list(read_records(write_jsonl(tmp_path / "b.jsonl", lines)))
    rejected = {r.position: r.reason for r in records if isinstance(r, Rejected)}
    assert sorted(rejected) == [2, 3, 4, 5, 6, 7]
    assert rejected[2].startswith("NotJson: line 2: not valid JSON")
    assert "bad created_at" in rejected[3]
    assert rejected[4] == "NoText: line 4: row has neither title nor text"
    assert "neither id nor url" in rejected[5]
    assert "expected a JSON object, found list" in rejected[6]
    assert "field text is a dict" in rejected[7]
    assert [r.position for r in records if isinstance(r, CollectedItem)] == [1, 9]
    assert all(r.where == f"line {r.position}" for r in records if isinstance(r, Rejected))


def test_ids_derived_from_url_or_row_are_stable(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [{"url": "HTTPS://A.example/x?utm_source=y&b=1", "text": "t"}, {"text": "only text"}])
    first = list(read_records(path, require_id_or_url=False))
    second = list(read_records(path, require_id_or_url=False))
    assert [r.external_id for r in first] == [r.external_id for r in second]
    assert first[0].external_id.startswith("url:") and first[0].url == "https://a.example/x?b=1"
    assert first[1].external_id.startswith("row:")
    same_url = write_jsonl(tmp_path / "d.jsonl", [{"url": "https://a.example/x?b=1&utm_medium=z", "title": "other"}])
    assert next(read_records(same_url)).external_id == first[0].external_id


def test_mapping_renames_columns(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "e.jsonl", [{"mid": 42, "content": "内容", "user": "乙", "ts": "2024-05-01T08:00:00+08:00"}])
    [item] = read_records(path, mapping={"mid": "id", "content": "text", "user": "author", "ts": "created_at"})
    assert (item.external_id, item.text, item.author) == ("42", "内容", "乙")
    assert item.published_at == datetime(2024, 5, 1, 0, 0, tzinfo=timezone.utc)
    assert item.raw["content"] == "内容"  # raw keeps the file's own names


def test_naive_times_are_beijing_time_unless_told_otherwise(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "f.jsonl", [{**GOOD, "created_at": "2024-05-01 08:00:00"}])
    assert next(read_records(path)).published_at == datetime(2024, 5, 1, 0, 0, tzinfo=timezone.utc)
    assert next(read_records(path, naive_tz=timezone.utc)).published_at == datetime(2024, 5, 1, 8, 0, tzinfo=timezone.utc)
    plus_five = timezone(timedelta(hours=5))
    assert next(read_records(path, naive_tz=plus_five)).published_at == datetime(2024, 5, 1, 3, 0, tzinfo=timezone.utc)


def test_reposts_with_empty_text_are_kept(tmp_path: Path) -> None:
    rows = [
        {"id": "o1", "cascade": "o1", "parent": None, "kind": "original", "text": "原文", "created_at": 1, "reposts": 2, "comments": "3"},
        {"id": "r1", "cascade": "o1", "parent": "o1", "kind": "repost", "text": "", "created_at": 2},
        {"id": "r2", "cascade": "o1", "parent": "r1", "kind": "repost", "text": "转发微博", "created_at": 3},
    ]
    original, empty, forwarded = read_records(write_jsonl(tmp_path / "g.jsonl", rows))
    assert original.kind == "original" and original.engagement == {"reposts": 2, "comments": 3}
    assert (empty.kind, empty.root_id, empty.parent_id, empty.text) == ("repost", "o1", "o1", "")
    assert forwarded.parent_id == "r1" and forwarded.raw["cascade"] == "o1"


def test_gzip_is_recognised_by_its_magic_bytes(tmp_path: Path) -> None:
    path = tmp_path / "h.data"  # no telling suffix
    path.write_bytes(gzip.compress((json.dumps(GOOD) + "\n").encode()))
    [item] = read_records(path)
    assert item.external_id == "p1"


def test_truncated_gzip_ends_with_a_reject(tmp_path: Path) -> None:
    data = gzip.compress("".join(json.dumps({**GOOD, "id": f"p{i}"}) + "\n" for i in range(2000)).encode())
    path = tmp_path / "i.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    records = list(read_records(path))
    assert isinstance(records[-1], Rejected) and "damaged" in records[-1].reason
    assert all(isinstance(r, CollectedItem) for r in records[:-1]) and len(records) > 1


def test_resume_after_skips_what_was_stored(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "j.jsonl", [{**GOOD, "id": f"p{i}"} for i in range(1, 6)])
    assert [r.external_id for r in read_records(path, resume_after=3)] == ["p4", "p5"]


def test_csv_with_multiline_fields_and_positions(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text('id,title,text,created_at\n1,一,"两行\n文本",2024-05-01\n2,二,三,bad-date\n3,,,\n', encoding="utf-8-sig")
    records = list(read_records(path))
    assert isinstance(records[0], CollectedItem) and records[0].text == "两行\n文本" and records[0].position == 3
    assert isinstance(records[1], Rejected) and records[1].position == 4 and "bad created_at" in records[1].reason
    assert isinstance(records[2], Rejected) and records[2].position == 5
    assert [r.external_id for r in read_records(path, resume_after=3) if isinstance(r, CollectedItem)] == []


def test_csv_saved_by_excel_in_gbk(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_bytes("编号,内容\n1,国务院总理朱镕基会见代表团\n".encode("gbk"))
    [item] = read_records(path, mapping={"编号": "id", "内容": "text"})
    assert item.text == "国务院总理朱镕基会见代表团"


def test_unknown_format_is_an_error(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "m.jsonl", [GOOD])
    with pytest.raises(ValueError, match="unknown format"):
        list(read_records(path, fmt="xml"))


@pytest.mark.slow
def test_the_real_weibo_stream(tmp_path: Path) -> None:
    """640,961 rows: originals, reposts with empty text, 转发微博: every one is a valid post."""
    path = shared_path("stream/ced_weibo_dev.jsonl.gz")
    kinds: Counter[str] = Counter()
    empty_text = last_position = 0
    for record in read_records(path):
        assert isinstance(record, CollectedItem), record
        kinds[record.kind] += 1
        empty_text += not record.text
        last_position = record.position or 0
    assert sum(kinds.values()) == last_position == 640_961
    assert kinds == {"original": 1683, "repost": 639_278}
    assert empty_text == 253_749  # counted independently with plain json.loads and str.strip
