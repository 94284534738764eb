"""The names people call sites by: 人民网, not www.people.com.cn.

A document keeps the host it came from (`Document.site`); pages, briefings and exports show
`site_name(host)`: the office's own name for it (`SiteName`, edited in the admin site), else a
name from the table below, matched on the host or any of its parent domains, else the host.
"""

from __future__ import annotations

import time
from functools import lru_cache

# Well-known Chinese news sites and platforms (their own names for themselves).
KNOWN: dict[str, str] = {
    "people.com.cn": "人民网", "xinhuanet.com": "新华网", "news.cn": "新华网", "cctv.com": "央视网",
    "cctv.cn": "央视网", "chinanews.com.cn": "中国新闻网", "chinanews.com": "中国新闻网", "gmw.cn": "光明网",
    "youth.cn": "中国青年网", "chinadaily.com.cn": "中国日报网", "cri.cn": "国际在线", "ce.cn": "中国经济网",
    "cnr.cn": "央广网", "china.com.cn": "中国网", "cyol.com": "中青在线", "thepaper.cn": "澎湃新闻",
    "caixin.com": "财新网", "bjnews.com.cn": "新京报", "jiemian.com": "界面新闻", "yicai.com": "第一财经",
    "21jingji.com": "21世纪经济报道", "infzm.com": "南方周末", "nfnews.com": "南方网", "southcn.com": "南方网",
    "dahe.cn": "大河网", "henan.gov.cn": "河南省人民政府网", "hnr.cn": "映象网", "henandaily.cn": "河南日报",
    "sina.com.cn": "新浪网", "weibo.com": "微博", "weibo.cn": "微博", "qq.com": "腾讯网",
    "mp.weixin.qq.com": "微信公众号", "sohu.com": "搜狐网", "163.com": "网易", "ifeng.com": "凤凰网",
    "toutiao.com": "今日头条", "douyin.com": "抖音", "kuaishou.com": "快手", "bilibili.com": "哔哩哔哩",
    "zhihu.com": "知乎", "tieba.baidu.com": "百度贴吧", "baidu.com": "百度", "xiaohongshu.com": "小红书",
    "ixigua.com": "西瓜视频", "douban.com": "豆瓣", "gov.cn": "中国政府网", "12377.cn": "中国互联网违法和不良信息举报中心",
}


def _candidates(host: str) -> list[str]:
    """The host and its parent domains, longest first: a.b.people.com.cn, b.people.com.cn, …"""
    labels = host.lower().strip().rstrip(".").split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


@lru_cache(maxsize=4096)
def known_name(host: str) -> str:
    return next((KNOWN[c] for c in _candidates(host) if c in KNOWN), "")


_office: tuple[float, dict[str, str]] | None = None
OFFICE_TTL = 60.0  # seconds: another process's edit shows within a minute; this process's at once


def office_names() -> dict[str, str]:
    global _office
    now = time.monotonic()
    if _office is None or now - _office[0] > OFFICE_TTL:
        from yuqing.sources.models import SiteName

        _office = (now, dict(SiteName.objects.values_list("domain", "name")))
    return _office[1]


def forget(**_: object) -> None:
    """A site name was saved or deleted here."""
    global _office
    _office = None


def site_name(host: str, names: dict[str, str] | None = None) -> str:
    """The name to show for `host`; pass `names` (office_names()) when naming many at once."""
    if not host:
        return ""
    names = office_names() if names is None else names
    return next((names[c] for c in _candidates(host) if c in names), "") or known_name(host) or host
