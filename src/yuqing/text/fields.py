"""The fields that matter for public-opinion work, normalised the same way for every input.

Imports, the push API, MediaCrawler output and feeds all pass platform names, account kinds and
IP 属地 through here, so `platform:weibo` means the same whichever door a post came in by.
"""

from __future__ import annotations

import re

ACCOUNT_KINDS = ("government", "media", "enterprise", "individual")
_ACCOUNT_SYNONYMS = {
    "government": "government", "gov": "government", "政务": "government", "政府": "government", "官方": "government",
    "media": "media", "媒体": "media", "新闻媒体": "media", "enterprise": "enterprise", "company": "enterprise",
    "企业": "enterprise", "机构": "enterprise", "individual": "individual", "person": "individual",
    "personal": "individual", "个人": "individual", "网民": "individual", "自媒体": "individual",
}
PLATFORM_SITES = {
    "weibo": "weibo.com", "wechat": "mp.weixin.qq.com", "douyin": "douyin.com", "kuaishou": "kuaishou.com",
    "xhs": "xiaohongshu.com", "bilibili": "bilibili.com", "zhihu": "zhihu.com", "tieba": "tieba.baidu.com",
    "toutiao": "toutiao.com",
}
_PLATFORM_SYNONYMS = {
    "wb": "weibo", "微博": "weibo", "weixin": "wechat", "微信": "wechat", "公众号": "wechat", "dy": "douyin",
    "抖音": "douyin", "ks": "kuaishou", "快手": "kuaishou", "xiaohongshu": "xhs", "小红书": "xhs", "bili": "bilibili",
    "b站": "bilibili", "哔哩哔哩": "bilibili", "知乎": "zhihu", "贴吧": "tieba", "百度贴吧": "tieba", "头条": "toutiao",
}
_IP_PREFIX = re.compile(r"^\s*(?:IP\s*属地\s*[:：]?|IP属地|发布于|来自|属地\s*[:：]?)\s*", re.IGNORECASE)


def account_kind(value: str) -> str:
    """government, media, enterprise, individual, or "" when not known."""
    return _ACCOUNT_SYNONYMS.get(value.strip().lower(), "") if value else ""


def platform_name(value: str) -> str:
    """A platform's short name (weibo, douyin …); an unknown name is kept lower-cased."""
    name = value.strip().lower()
    return _PLATFORM_SYNONYMS.get(name, name)[:20]


def ip_location(value: str) -> str:
    """'IP属地：广东' or '发布于 广东' or '来自广东' → '广东'."""
    return _IP_PREFIX.sub("", value or "").strip()[:50]
