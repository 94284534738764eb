"""MediaCrawler output read without a database: platform and kind detected, every field mapped."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import openpyxl
import pytest

from yuqing.collect.counts import parse_count
from yuqing.collect.items import CollectedItem, Rejected
from yuqing.collect.mediacrawler_files import find_files, read_stream, streams

DATA = Path(__file__).parent / "mediacrawler" / "data"


def _read(path: Path) -> list:
    return [record for stream in streams(path) for record in read_stream(stream)]


def _items(path: Path) -> list[CollectedItem]:
    return [r for r in _read(path) if isinstance(r, CollectedItem)]


@pytest.mark.parametrize("text, count", [("1.2万", 12000), ("10w+", 100000), ("1,024", 1024), ("2千", 2000),
                                          ("3.4万", 34000), ("1.5亿", 150000000), (" 356 ", 356), (7, 7), ("", None),
                                          ("很多", None), (None, None), (True, None)])
def test_counts_as_platforms_write_them(text, count):
    assert parse_count(text) == count


def test_every_platform_and_kind_is_detected_and_creators_are_skipped():
    found = {(s.platform, s.kind) for path in find_files(DATA) for s in streams(path)}
    platforms = {"weibo", "douyin", "kuaishou", "xhs", "bilibili", "zhihu", "tieba"}
    assert found == {(p, k) for p in platforms for k in ("contents", "comments")}
    assert not any("creators" in p.name for p in find_files(DATA))
    assert [p.name for p in find_files(DATA)][-1].startswith("search_comments")  # posts come first


def test_weibo_post_fields_strings_wan_counts_and_ip():
    first, second = _items(DATA / "weibo/jsonl/search_contents_2026-11-20.jsonl")
    assert first.external_id == "5100000000000001" and first.url == "https://m.weibo.cn/detail/5100000000000001"
    assert first.engagement == {"likes": 12000, "comments": 356, "reposts": 88}
    assert (first.platform, first.site, first.ip_location, first.author) == ("weibo", "weibo.com", "广东", "演示网友甲")
    assert first.published_at == datetime.fromtimestamp(1763600000, timezone.utc)
    assert first.raw["source_keyword"] == "管涌" and first.raw["user_id"] == "7001"  # everything else kept as it came
    # missing create_time: the date string (Beijing time) is used; an empty count is no count
    assert second.published_at == datetime(2025, 11, 20, 1, 10, tzinfo=timezone.utc)
    assert second.engagement == {"likes": 15} and second.ip_location == ""


def test_weibo_comments_thread_under_their_post_and_bad_time_is_quarantined():
    records = _read(DATA / "weibo/jsonl/search_comments_2026-11-20.jsonl")
    top, reply, bad = records
    assert (top.kind, top.root_id, top.parent_id) == ("comment", "5100000000000001", "5100000000000001")
    assert top.external_id == "comment:5100000000009001" and top.engagement == {"likes": 1024}
    assert (reply.parent_id, reply.ip_location) == ("comment:5100000000009001", "河南")
    assert isinstance(bad, Rejected) and "created_at" in bad.reason and bad.position == 3


def test_douyin_json_array_title_not_doubled_and_abbreviated_counts():
    post = _items(DATA / "douyin/json/search_contents_2026-11-20.json")[0]
    assert (post.title, post.text) == ("", "演示：暴雨中的县城")
    assert post.engagement == {"likes": 34000, "comments": 2, "reposts": 100000}
    comment = _items(DATA / "douyin/json/search_comments_2026-11-20.json")[0]
    assert (comment.root_id, comment.parent_id, comment.ip_location) == ("7300000000000000001", "7300000000000000001", "湖北")


def test_xhs_url_without_per_fetch_token_and_millisecond_times():
    post = _items(DATA / "xhs/csv/search_contents_2026-11-20.csv")[0]
    assert post.url == "https://www.xiaohongshu.com/explore/66aa00000000000000000001"
    assert post.published_at == datetime.fromtimestamp(1763600300, timezone.utc)
    assert post.engagement["likes"] == 2000 and post.title == "演示：县城网红店排队"


def test_kuaishou_views_bilibili_plays_zhihu_votes_tieba_replies():
    assert _items(DATA / "kuaishou/jsonl/search_contents_2026-11-20.jsonl")[0].engagement == {"likes": 5, "views": 15000}
    bili = _items(DATA / "bilibili/csv/search_contents_2026-11-20.csv")[0]
    assert bili.engagement == {"likes": 100, "comments": 1, "reposts": 3, "views": 25000}
    zhihu = _items(DATA / "zhihu/json/search_contents_2026-11-20.json")[0]
    assert (zhihu.engagement, zhihu.ip_location, zhihu.url) == ({"likes": 42, "comments": 1}, "北京", "https://www.zhihu.com/question/1/answer/z1")
    reply = _items(DATA / "tieba/jsonl/search_comments_2026-11-20.jsonl")[1]
    assert (reply.root_id, reply.parent_id) == ("9000000001", "comment:t1")
    assert _items(DATA / "tieba/jsonl/search_contents_2026-11-20.jsonl")[0].published_at == datetime(2025, 11, 20, 2, 30, tzinfo=timezone.utc)


def test_excel_output_has_one_stream_per_sheet(tmp_path):
    path = tmp_path / "weibo_search_20261120_101010.xlsx"
    book = openpyxl.Workbook()
    book.remove(book.active)
    contents, comments = book.create_sheet("Contents"), book.create_sheet("Comments")
    contents.append(["note_id", "content", "create_time", "liked_count", "ip_location", "nickname"])
    contents.append([5100000000000001, "演示：表格里的一条微博", 1763600000, "1.2万", "发布于 江苏", "演示号"])
    comments.append(["comment_id", "note_id", "content", "create_time", "comment_like_count", "parent_comment_id"])
    comments.append(["9001", "5100000000000001", "表格里的评论", "2025-11-20 09:00:00", "2", "0"])
    book.create_sheet("Creators").append(["user_id", "nickname"])
    book.save(path)
    found = streams(path)
    assert [(s.platform, s.kind, s.part) for s in found] == [("weibo", "contents", "Contents"), ("weibo", "comments", "Comments")]
    post, comment = _items(path)
    assert post.external_id == "5100000000000001"  # a number cell, read back as the id it was
    assert (post.engagement, post.ip_location) == ({"likes": 12000}, "江苏")
    assert comment.root_id == "5100000000000001" and comment.published_at == datetime(2025, 11, 20, 1, 0, tzinfo=timezone.utc)


def test_sqlite_database_one_stream_per_table(tmp_path):
    path = tmp_path / "sqlite_tables.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE douyin_aweme (id INTEGER PRIMARY KEY, aweme_id BIGINT, desc TEXT, create_time BIGINT, liked_count TEXT)")
        db.execute("CREATE TABLE douyin_aweme_comment (id INTEGER PRIMARY KEY, comment_id BIGINT, aweme_id BIGINT, content TEXT, create_time BIGINT, parent_comment_id TEXT)")
        db.execute("CREATE TABLE dy_creator (id INTEGER PRIMARY KEY, user_id TEXT, nickname TEXT)")
        db.execute("INSERT INTO douyin_aweme (aweme_id, desc, create_time, liked_count) VALUES (73001, '演示：数据库里的视频', 1763600000, '1.1万')")
        db.execute("INSERT INTO douyin_aweme_comment (comment_id, aweme_id, content, create_time, parent_comment_id) VALUES (1, 73001, '评论', 1763600100, '0')")
    found = streams(path)
    assert [(s.platform, s.kind) for s in found] == [("douyin", "contents"), ("douyin", "comments")]
    post, comment = _items(path)
    assert (post.external_id, post.engagement, post.position) == ("73001", {"likes": 11000}, 1)
    assert (comment.external_id, comment.root_id) == ("comment:1", "73001")
    assert list(read_stream(found[0], resume_after=1)) == []  # a followed database resumes after the rowid


def test_platform_from_the_path_when_columns_cannot_tell(tmp_path):
    # comments with only video_id and comment_id could be Kuaishou's or Bilibili's: the folder decides
    folder = tmp_path / "data" / "bili" / "jsonl"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "kuaishou/jsonl/search_comments_2026-11-20.jsonl", folder / "detail_comments_2026-11-20.jsonl")
    (stream,) = streams(folder / "detail_comments_2026-11-20.jsonl")
    assert (stream.platform, stream.kind) == ("bilibili", "comments")
    assert streams(folder / "detail_comments_2026-11-20.jsonl", platform="kuaishou")[0].platform == "kuaishou"
