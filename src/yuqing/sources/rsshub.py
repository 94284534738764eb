"""RSSHub sources: an instance's base URL and a route, with presets for the routes an office uses.

Many offices run RSSHub to turn platform pages into feeds. A source of kind "rsshub" keeps its
base URL and route in options and the full feed address as its URL; it is fetched like any feed
(conditional requests, the one HTTP client), keeps RSSHub's item fields (author, pubDate,
categories), and its items carry the platform of the route (/weibo/… → weibo, site weibo.com).
WeChat accounts come through whichever provider the instance is configured with, so that preset
takes "provider/id" (e.g. wechat2rss/<id>, ce/<id>).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from yuqing.text.fields import PLATFORM_SITES


@dataclass(frozen=True)
class Preset:
    label: str | Promise  # shown translated in the form
    route: str  # with {param}
    hint: str


PRESETS: dict[str, Preset] = {
    "weibo_user": Preset(_("Weibo user"), "/weibo/user/{param}", "uid"),
    "weibo_keyword": Preset(_("Weibo keyword search"), "/weibo/keyword/{param}", "keyword"),
    "wechat_account": Preset(_("WeChat account (the instance's provider)"), "/wechat/{param}", "provider/id"),
    "douyin_user": Preset(_("Douyin user"), "/douyin/user/{param}", "uid"),
    "bilibili_user": Preset(_("Bilibili user (dynamics)"), "/bilibili/user/dynamic/{param}", "uid"),
    "zhihu_topic": Preset(_("Zhihu topic"), "/zhihu/topic/{param}", "topic id"),
    "tieba_forum": Preset(_("Tieba forum"), "/tieba/forum/{param}", "forum name"),
}
_ROUTE_PLATFORMS = {"weibo": "weibo", "wechat": "wechat", "douyin": "douyin", "bilibili": "bilibili", "zhihu": "zhihu",
                    "tieba": "tieba", "kuaishou": "kuaishou", "xiaohongshu": "xhs", "toutiao": "toutiao"}


def preset_route(preset: str, param: str) -> str:
    """The route of a preset ("weibo_keyword", "暴雨" → "/weibo/keyword/%E6%9A%B4%E9%9B%A8")."""
    safe = "/" if preset == "wechat_account" else ""
    return PRESETS[preset].route.format(param=quote(param.strip(), safe=safe))


def feed_url(base: str, route: str) -> str:
    return base.rstrip("/") + "/" + route.lstrip("/")


def route_of(source_url: str, base: str = "") -> str:
    if base and source_url.startswith(base.rstrip("/")):
        return source_url[len(base.rstrip("/")):] or "/"
    return urlsplit(source_url).path


def platform_of(route: str) -> str:
    """The platform a route reads ("/weibo/user/1" → weibo); "" for others."""
    first = route.strip("/").split("/", 1)[0].lower()
    return _ROUTE_PLATFORMS.get(first, "")


def site_of(route: str) -> str:
    platform = platform_of(route)
    return PLATFORM_SITES.get(platform, "")
