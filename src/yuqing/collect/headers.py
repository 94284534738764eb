"""Column headers people and vendors use, and the guess of which of our fields each one is.

The mapping step of an import (page or `yuqing import`) starts from `guess_mapping`; a person
corrects it and may save it under a name. Headers are compared without spaces, brackets or case.
"""

from __future__ import annotations

import re

# our field -> the headers that usually mean it (compared normalised)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "编号", "序号id", "文章id", "微博id", "mid"),
    "title": ("title", "标题", "题目", "文章标题", "新闻标题"),
    "text": ("text", "content", "正文", "内容", "全文", "文本", "摘要", "微博内容", "原文", "正文内容", "desc"),
    "url": ("url", "link", "链接", "网址", "原文链接", "文章链接", "原文地址", "地址", "链接地址"),
    "created_at": ("created_at", "time", "date", "发布时间", "时间", "日期", "发文时间", "发布日期", "发帖时间", "publish_time"),
    "author": ("author", "作者", "发布者", "发布人", "昵称", "用户名", "博主", "账号", "账号名称", "发帖人", "nickname"),
    "site": ("site", "source", "来源", "站点", "媒体", "网站", "来源网站", "媒体名称", "信息来源", "来源媒体"),
    "platform": ("platform", "平台", "渠道", "媒体类型"),
    "account_kind": ("account_kind", "账号类型", "账号性质", "用户类型"),
    "ip_location": ("ip_location", "ip属地", "属地", "ip归属地"),
    "likes": ("likes", "点赞", "点赞数", "点赞量"),
    "comments": ("comments", "评论", "评论数", "评论量"),
    "reposts": ("reposts", "shares", "转发", "转发数", "转发量", "分享数"),
    "views": ("views", "阅读", "阅读数", "阅读量", "播放量", "浏览量", "播放数"),
}
FIELDS = tuple(SYNONYMS)
_NOISE = re.compile(r"[\s\u3000_\-:：]+|[（(][^）)]*[）)]")
_LOOKUP = {_NOISE.sub("", name).lower(): field for field, names in SYNONYMS.items() for name in names}


def normalise_header(name: str) -> str:
    return _NOISE.sub("", str(name)).lower()


def is_known_header(name: str) -> bool:
    return normalise_header(name) in _LOOKUP


def guess_field(name: str) -> str:
    """Our field for a header ("" when no guess)."""
    return _LOOKUP.get(normalise_header(name), "")


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """{their header: our field} for the headers we recognise; each field taken once, by the first."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        field = guess_field(header)
        if field and field not in taken and header != field:
            mapping[header] = field
            taken.add(field)
        elif field == header:
            taken.add(field)
    return mapping
