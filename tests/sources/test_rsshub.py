"""RSSHub sources against a local RSSHub-shaped server (recorded feeds, served on 127.0.0.1)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.collect.conftest import fast_config
from yuqing.collect.client import HttpClient
from yuqing.documents.models import Document
from yuqing.sources import actions
from yuqing.sources.collecting import collect_source
from yuqing.sources.forms import SourceForm
from yuqing.sources.rsshub import feed_url, platform_of, preset_route

pytestmark = pytest.mark.django_db
FEEDS = Path(__file__).parent / "rsshub"
ROUTES = {"/weibo/keyword/暴雨": "weibo_keyword.xml", "/wechat/wechat2rss/demo": "wechat.xml"}


class _RSSHub(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        name = ROUTES.get(unquote(self.path))
        if name is None:
            self.send_error(404, "route not found")  # RSSHub answers 404 for an unknown route
            return
        body = (FEEDS / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def rsshub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _RSSHub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_presets_build_routes_and_routes_name_their_platform():
    assert preset_route("weibo_keyword", "暴雨") == "/weibo/keyword/%E6%9A%B4%E9%9B%A8"
    assert preset_route("wechat_account", "wechat2rss/demo") == "/wechat/wechat2rss/demo"
    assert feed_url("http://rss.internal:1200/", "/zhihu/topic/1") == "http://rss.internal:1200/zhihu/topic/1"
    assert [platform_of(r) for r in ("/weibo/user/1", "/douyin/user/x", "/bilibili/user/dynamic/2", "/tieba/forum/a", "/nytimes")] == [
        "weibo", "douyin", "bilibili", "tieba", ""]


def test_weibo_keyword_preset_collected_with_author_date_categories_and_platform(rsshub, admin_user):
    form = SourceForm({"kind": "rsshub", "url": "", "schedule_minutes": 30, "rsshub_base": rsshub,
                       "rsshub_preset": "weibo_keyword", "rsshub_param": "暴雨"}, kinds=["rsshub"])
    assert form.is_valid(), form.errors
    source = actions.create_source(admin_user, **form.action_arguments())
    assert source.site == "weibo.com" and source.options["route"] == "/weibo/keyword/%E6%9A%B4%E9%9B%A8"
    with HttpClient(fast_config()) as client:
        run = collect_source(source, client=client)
    assert (run.status, run.items_new) == ("ok", 2), run.error
    doc = Document.objects.get(url="https://weibo.com/1000000001/Pdemo0001")
    assert (doc.author, doc.site, doc.platform) == ("演示县融媒体中心", "weibo.com", "weibo")
    assert doc.raw["categories"] == ["暴雨", "出行"] and doc.published_at.isoformat() == "2025-11-20T00:30:00+00:00"


def test_wechat_account_through_the_instance_provider(rsshub, admin_user):
    source = actions.create_source(admin_user, name="", kind="rsshub", url=feed_url(rsshub, "/wechat/wechat2rss/demo"),
                                   options={"base": rsshub})
    with HttpClient(fast_config()) as client:
        collect_source(source, client=client)
    doc = Document.objects.get()
    assert (doc.site, doc.platform, doc.author) == ("mp.weixin.qq.com", "wechat", "演示县发布")


def test_unknown_route_is_a_failing_source_with_its_reason(rsshub, admin_user):
    source = actions.create_source(admin_user, name="", kind="rsshub", url=feed_url(rsshub, "/weibo/user/404"))
    with HttpClient(fast_config()) as client:
        run = collect_source(source, client=client)
    assert run.status == "failed" and "404" in run.error
