"""MediaCrawler output (contents and comments of weibo, douyin, kuaishou, xhs, bilibili, zhihu,
tieba) mapped to our fields, whatever format it was saved in.

Field names are those MediaCrawler's store modules write (learned from its public `store/<platform>/`
modules; none of its code is used here). Each platform's table says, per our field, which of its
columns to take, first non-empty wins. Posts get a stable URL built from their id (MediaCrawler's
own URLs may carry per-fetch tokens such as xsec_token, which would split one note in two).
Comments become documents of kind "comment" whose `root_id` is the post's id and whose `parent_id`
is the comment they answer (or the post); their ids are prefixed "comment:" because a platform's
comment and post ids are separate number spaces.
"""

from __future__ import annotations

from typing import Any

PLATFORMS = ("weibo", "douyin", "kuaishou", "xhs", "bilibili", "zhihu", "tieba")
COMMENT_PREFIX = "comment:"
Columns = dict[str, tuple[str, ...]]  # our field -> their columns, in order of preference

_COMMON_POST: Columns = {"author": ("nickname", "user_nickname"), "ip_location": ("ip_location",),
                         "source_keyword": ("source_keyword",)}
_COMMON_COMMENT: Columns = {"text": ("content",), "author": ("nickname", "user_nickname"), "ip_location": ("ip_location",),
                            "parent": ("parent_comment_id",), "created_at": ("create_time", "publish_time")}
CONTENTS: dict[str, Columns] = {
    "weibo": {"id": ("note_id",), "text": ("content",), "created_at": ("create_time", "create_date_time"),
              "likes": ("liked_count",), "comments": ("comments_count",), "shares": ("shared_count",)},
    "douyin": {"id": ("aweme_id",), "title": ("title",), "text": ("desc", "title"), "created_at": ("create_time",),
               "likes": ("liked_count",), "comments": ("comment_count",), "shares": ("share_count",)},
    "kuaishou": {"id": ("video_id",), "title": ("title",), "text": ("desc", "title"), "created_at": ("create_time",),
                 "likes": ("liked_count",), "views": ("viewd_count", "viewed_count")},
    "xhs": {"id": ("note_id",), "title": ("title",), "text": ("desc",), "created_at": ("time", "create_time"),
            "likes": ("liked_count",), "comments": ("comment_count",), "shares": ("share_count",)},
    "bilibili": {"id": ("video_id",), "title": ("title",), "text": ("desc",), "created_at": ("create_time",),
                 "likes": ("liked_count",), "comments": ("video_comment",), "shares": ("video_share_count",),
                 "views": ("video_play_count",)},
    "zhihu": {"id": ("content_id",), "title": ("title",), "text": ("content_text", "desc"), "created_at": ("created_time",),
              "likes": ("voteup_count",), "comments": ("comment_count",), "url": ("content_url",)},
    "tieba": {"id": ("note_id",), "title": ("title",), "text": ("desc",), "created_at": ("publish_time",),
              "comments": ("total_replay_num",), "url": ("note_url",)},
}
COMMENTS: dict[str, Columns] = {
    "weibo": {"id": ("comment_id",), "post": ("note_id",), "created_at": ("create_time", "create_date_time"),
              "likes": ("comment_like_count",)},
    "douyin": {"id": ("comment_id",), "post": ("aweme_id",), "likes": ("like_count",)},
    "kuaishou": {"id": ("comment_id",), "post": ("video_id",)},
    "xhs": {"id": ("comment_id",), "post": ("note_id",), "likes": ("like_count",)},
    "bilibili": {"id": ("comment_id",), "post": ("video_id",), "likes": ("like_count",)},
    "zhihu": {"id": ("comment_id",), "post": ("content_id",), "likes": ("like_count",)},
    "tieba": {"id": ("comment_id",), "post": ("note_id",)},
}
POST_URLS = {
    "weibo": "https://m.weibo.cn/detail/{id}", "douyin": "https://www.douyin.com/video/{id}",
    "kuaishou": "https://www.kuaishou.com/short-video/{id}", "xhs": "https://www.xiaohongshu.com/explore/{id}",
    "bilibili": "https://www.bilibili.com/video/av{id}", "tieba": "https://tieba.baidu.com/p/{id}",
}
NO_PARENT = {"", "0", "None", "none", "null"}


def transformer(platform: str, kind: str):
    """A function from one MediaCrawler row to our fields (for RowReader's `transform`)."""
    if kind == "comments":
        columns = {**_COMMON_COMMENT, **COMMENTS[platform]}
        return lambda row: _comment(row, platform, columns)
    columns = {**_COMMON_POST, **CONTENTS[platform]}
    return lambda row: _post(row, platform, columns)


def _fields(row: dict[str, Any], columns: Columns, platform: str) -> dict[str, Any]:
    from yuqing.text.fields import PLATFORM_SITES

    fields = {ours: _first(row, theirs) for ours, theirs in columns.items()}
    fields.update(platform=platform, site=PLATFORM_SITES[platform])
    return fields


def _post(row: dict[str, Any], platform: str, columns: Columns) -> dict[str, Any]:
    fields = _fields(row, columns, platform)
    post_id = _id(fields.get("id"))
    fields["id"] = post_id
    if post_id and platform in POST_URLS:
        fields["url"] = POST_URLS[platform].format(id=post_id)
    if fields.get("title") and fields.get("title") == fields.get("text"):
        fields["title"] = ""  # douyin and kuaishou repeat the caption as title
    return fields


def _comment(row: dict[str, Any], platform: str, columns: Columns) -> dict[str, Any]:
    fields = _fields(row, columns, platform)
    comment_id, post_id, parent = _id(fields.get("id")), _id(fields.pop("post", None)), _id(fields.get("parent"))
    fields.update(id=COMMENT_PREFIX + comment_id if comment_id else "", kind="comment", cascade=post_id,
                  parent=COMMENT_PREFIX + parent if parent not in NO_PARENT and parent != comment_id else post_id)
    fields.pop("url", None)
    return fields


def _first(row: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = row.get(name)
        if value is not None and value != "":
            return value
    return None


def _id(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():  # a spreadsheet turned the id into a number
        value = int(value)
    return str(value).strip()
