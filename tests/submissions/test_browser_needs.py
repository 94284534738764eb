"""Information needs in real headless Chromium: the editor publishes a need to two units, an officer
finds it on the overview page and answers it with an item, another unit says it has nothing to
report, and the editor reads who answered."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.utils import timezone

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop runs in the test thread

from tests.units.factories import PASSWORD  # noqa: E402
from tests.web.browser import login, page  # noqa: E402,F401  (fixture)
from yuqing.submissions.models import InformationNeed, Submission  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TOPIC = "基层网络文明建设典型经验（约稿）"


def as_user(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    login(page, live_server, username, PASSWORD)


def test_editor_publishes_officer_answers_another_unit_declines(page, live_server, office):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    due = timezone.localtime() + timedelta(days=3)

    as_user(page, live_server, "editor")  # 1. the editor publishes a need to two chosen units
    page.goto(f"{live_server.url}/submissions/needs/")
    page.click("#new-need")
    page.fill("input[name=title]", TOPIC)
    page.fill("textarea[name=wanted]", "请报送本地推进网络文明建设的做法、成效和数据，800字以内。")
    page.check("input[name=categories][value=experience]")
    page.fill("input[name=source]", "省委宣传部信息处")
    page.fill("input[name=due_at]", due.strftime("%Y-%m-%dT%H:%M"))
    page.check("input[name=scope][value=list]")
    page.select_option("select[name=units]", [str(office.county_a.pk), str(office.county_b.pk)])
    page.click("#publish-need")
    page.wait_for_selector("#need-title")
    need = InformationNeed.objects.get()
    assert sorted(need.asked.values_list("unit__code", flat=True)) == ["A", "B"]
    assert page.locator("#need-units tr[data-unit]").count() == 2

    as_user(page, live_server, "officer_a")  # 2. the officer finds it on the overview page and answers it
    page.click(f"#needs-card >> text={TOPIC}")
    page.wait_for_selector("#need-title")
    page.click("#answer-need")
    page.wait_for_selector("#answering")
    assert page.locator("select[name=category] option").all_inner_texts() == ["经验"]
    page.fill("input[name=title]", "甲县“网络文明进万家”活动覆盖全县12个乡镇")
    page.fill("textarea[name=body]", "今年以来，甲县开展网络文明进万家活动。\n累计举办宣讲120场。")
    page.click("button[value=submit]")
    page.wait_for_selector("#item-need")
    item = Submission.objects.get(need=need)
    assert (item.unit, item.state) == (office.county_a, "submitted")

    as_user(page, live_server, "officer_b")  # 3. another unit has nothing to report and says why
    page.goto(f"{live_server.url}/submissions/needs/{need.pk}/")
    assert "甲县" not in page.inner_text("#need-units")  # a unit sees only its own row
    page.fill("#decline-form textarea[name=reason]", "本区今年未开展此项工作")
    page.click("#decline")
    page.wait_for_selector(".messages")
    assert "无可报送" in page.inner_text("#need-units")

    as_user(page, live_server, "editor")  # 4. the editor reads where each unit stands
    page.goto(f"{live_server.url}/submissions/needs/{need.pk}/")
    rows = {r.get_attribute("data-unit"): r.inner_text() for r in page.locator("#need-units tr[data-unit]").all()}
    assert "已答复" in rows["A"] and "甲县“网络文明进万家”" in rows["A"]
    assert "无可报送" in rows["B"] and "本区今年未开展此项工作" in rows["B"]
    assert dialogs == []
