"""Stored failures read as a plain reason and a next step in the reader's language (issue 12, item 2):
the code is stored with the technical text, the words are chosen when the page is shown."""

from __future__ import annotations

import socket

import pytest
from django.utils import translation

from yuqing import failures
from yuqing.collect.client import HttpClient
from yuqing.collect.config import ClientConfig
from yuqing.errors import FetchError


def _no_such_host(host: str, port: int):
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


def _fetch_error(url: str, resolver) -> FetchError:
    client = HttpClient(ClientConfig(max_retries=0), resolver=resolver)
    try:
        client.get(url)
    except FetchError as error:
        return error
    finally:
        client.close()
    raise AssertionError("the fetch did not fail")


def _in(language: str, text: str) -> failures.Failure:
    with translation.override(language):
        found = failures.explain(text)
        return failures.Failure(str(found.reason), str(found.action), found.detail)


def test_a_name_that_does_not_resolve_reads_as_such_also_behind_robots_txt():
    text = failures.stored(_fetch_error("https://news.demo.invalid/rss.xml", _no_such_host))
    assert text.startswith("HostNotFoundError: robots.txt of news.demo.invalid could not be read")
    chinese = _in("zh-hans", text)
    assert chinese.reason == "找不到该网站：域名无法解析。" and "核对地址" in chinese.action
    assert "Errno" in chinese.detail  # the technical text stays, for whoever digs further
    assert _in("en", text).reason == "The site's name could not be found (DNS)."


def test_an_internal_address_names_the_setting_that_exists():
    error = _fetch_error("http://localhost:8080/feed", lambda host, port: ["127.0.0.1"])
    chinese = _in("zh-hans", failures.stored(error))
    assert "内部网络" in chinese.reason and "YUQING_FETCH_ALLOW_NETWORKS" in chinese.action
    assert "YUQING_FETCH_ALLOW_NETWORKS" in str(error) and "collector settings" not in str(error)


@pytest.mark.parametrize(("status", "words"), [(404, "页面不存在（HTTP 404）"), (410, "页面不存在"), (403, "拒绝访问"),
                                               (503, "网站自身出现故障（HTTP 503）"), (418, "网站返回错误（HTTP 418）")])
def test_http_statuses_read_by_what_they_mean(status, words):
    from yuqing.collect.errors import HttpStatusError

    text = failures.stored(HttpStatusError(f"https://a.example/x answered {status}", status))
    assert text.startswith(f"HttpStatusError[{status}]: ") and words in _in("zh-hans", text).reason


def test_a_robot_refusal_shows_its_code():
    from yuqing.notifications.formats import robot_error

    text = robot_error("wecom", {"errcode": 93000, "errmsg": "invalid webhook url"})
    chinese = _in("zh-hans", text)
    assert chinese.reason == "机器人拒收了消息（错误码 93000）。" and "企业微信" in chinese.action


def test_a_code_without_words_reads_as_its_parent_and_old_text_as_a_general_failure(monkeypatch):
    monkeypatch.delitem(failures._TABLE, "HostNotFoundError")
    assert _in("zh-hans", "HostNotFoundError: could not resolve host a.example").reason == "无法连接该网站。"
    legacy = _in("zh-hans", "robots.txt of b.example disallows /rss for yuqing")
    assert legacy.reason == "失败了，系统暂时无法说明原因。" and legacy.detail.startswith("robots.txt")
    assert failures.explain("") is None


def test_a_message_yuqing_wrote_for_people_is_shown_as_it_is():
    from yuqing.errors import InputError

    assert _in("zh-hans", failures.stored(InputError("第 3 行不是合法的 JSON"))).reason == "第 3 行不是合法的 JSON"


def test_a_record_too_long_to_store_says_so(settings):
    import dataclasses

    from tests.documents.factories import item
    from yuqing.documents.store import _cleaned

    settings.YUQING = dataclasses.replace(settings.YUQING, max_record_chars=10)
    rejected = _cleaned(item(1, "这是一条远远超过十个字的很长的正文内容"))
    assert _in("zh-hans", rejected.reason).reason.startswith("这条记录太长")
