"""In real headless Chromium, as the duty officer: search, see copies folded and the words marked,
tick results, add them to the open incident, star one, and export the selection to Excel."""

from __future__ import annotations

import io
import os

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.documents.factories import item  # noqa: E402
from tests.units.factories import PASSWORD, make_user  # noqa: E402
from tests.web.browser import login, page, shot  # noqa: E402,F401
from yuqing.documents.store import store_batch  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
POSTS = ["永城市侯岭街道一化工厂冒出浓烟，附近居民称听到爆炸声，现场情况不明，大家注意安全",
         "永城市侯岭街道一化工厂冒出浓烟，附近居民称听到爆炸声，现场情况不明，大家注意安全",
         "永城市侯岭街道一化工厂冒出浓烟，附近居民称听到爆炸声，现场情况不明，大家注意安全",
         "永城市应急管理局：侯岭街道化工厂火情已得到控制，无人员伤亡，环境监测数据正常。",
         "化工厂离居民区这么近，希望事后公开调查结果。"]


def test_duty_officer_works_from_search_results(page, live_server):  # noqa: F811
    from yuqing.incidents.actions import open_incident
    from yuqing.incidents.models import LinkedDocument

    duty = make_user("duty", "duty_officer")
    incident = open_incident(duty, title="永城化工厂火情")
    store_batch([item(n, text, site=site) for n, (text, site) in enumerate(zip(POSTS, [
        "weibo.com", "www.toutiao.com", "tieba.baidu.com", "www.people.com.cn", "weibo.com"]))], None, None)
    login(page, live_server, "duty", PASSWORD)
    page.goto(f"{live_server.url}/documents/?q=化工厂+AND+浓烟")
    expect(page.locator("ol.results mark").first).to_have_text("化工厂")
    assert page.locator("ol.results > li").count() == 1  # three copies of one post: one row
    expect(page.locator("details.copies summary")).to_contain_text("2")
    page.goto(f"{live_server.url}/documents/?q=化工厂")
    shot(page, "search-results")
    boxes = page.locator("input[name=ids]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.select_option("select[name=target-incident]", str(incident.pk))
    page.click("#do-incident")
    expect(page.locator("ul.messages")).to_contain_text("永城化工厂火情")
    assert LinkedDocument.objects.filter(incident=incident).count() == 2
    page.locator("input[name=ids]").nth(0).check()
    with page.expect_download() as download:
        page.click("#do-export")
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    assert [c.value for c in sheet[1]] == ["时间", "网站", "作者", "标题", "正文", "链接", "情感", "地域"]
    assert sheet.max_row == 2
