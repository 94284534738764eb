"""The main flow in real headless Chromium: an officer submits a sudden-incident item, the editor
returns it with a reason, the officer revises, the editor adopts it, the chief signs off, and it
appears in the next bulletin issue."""

from __future__ import annotations

import io
import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop runs in the test thread

from tests.units.factories import PASSWORD  # noqa: E402
from tests.web.browser import login, page  # noqa: E402,F401  (fixture)
from yuqing.bulletins.models import Issue, Periodical  # noqa: E402
from yuqing.submissions.models import ReportDeadline, ReportingPolicy, Submission  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "青石镇一民房发生火情（首报）"


def as_user(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    login(page, live_server, username, PASSWORD)


def open_item(page, live_server, item: Submission) -> None:
    page.goto(f"{live_server.url}/submissions/{item.pk}/")
    page.wait_for_selector("#item-title")


def test_submit_return_revise_adopt_sign_off_and_print(page, live_server, office):
    ReportingPolicy.objects.create(two_level_signoff=True)
    Periodical.objects.create(name="示例宣传信息", issuing_unit="中共示例市委宣传部", distribution="发：各县区委宣传部")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    as_user(page, live_server, "officer_a")  # 1. the officer writes and submits a sudden-incident item
    page.goto(f"{live_server.url}/submissions/new/")
    page.select_option("select[name=category]", "sudden")
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=body]", "今日上午9时许，青石镇某村一民房起火。\n消防人员已到场处置，暂无人员伤亡。")
    page.fill("input[name=event_at]", "2026-11-26T09:00")
    page.fill("input[name=event_place]", "青石镇某村")
    page.click("button[value=submit]")
    page.wait_for_selector("#item-title")
    item = Submission.objects.get(title=TITLE)
    assert item.state == "submitted" and item.deadlines.filter(stage="first").exists()
    assert "已报送" in page.inner_text("main")

    as_user(page, live_server, "editor")  # 2. the editor opens it, takes it (holds it), returns it with a reason
    page.goto(f"{live_server.url}/submissions/review/")
    page.click(f"text={TITLE}")
    page.wait_for_selector("#item-title")
    item.refresh_from_db()
    assert item.state == "submitted"  # opening the page changed nothing
    page.click("#take")
    page.wait_for_selector("#return-form")
    assert "您正在处理该信息" in page.inner_text("main")
    page.fill("#return-form textarea[name=reason]", "请补充起火原因和过火面积")
    page.click("#return")
    page.wait_for_selector("#reason")
    item.refresh_from_db()
    assert item.state == "returned"

    as_user(page, live_server, "officer_a")  # 3. the officer reads the reason, revises and submits again
    open_item(page, live_server, item)
    assert "请补充起火原因和过火面积" in page.inner_text("#reason")
    page.click("#edit")
    page.wait_for_selector("#submission-form")
    page.fill("textarea[name=body]", "今日上午9时许，青石镇某村一民房起火，系电线老化引发，过火面积约40平方米。\n暂无人员伤亡。")
    page.click("button[value=submit]")
    page.wait_for_selector("#item-title")
    item.refresh_from_db()
    assert (item.state, item.version) == ("submitted", 2)

    as_user(page, live_server, "editor")  # 4. the editor takes it again and adopts it at the city level
    open_item(page, live_server, item)
    page.click("#take")
    page.wait_for_selector("#adopt-form")
    page.select_option("#adopt-form select[name=level]", "city")
    page.click("#adopt")
    page.wait_for_selector(".messages")
    item.refresh_from_db()
    assert item.state == "pending_signoff"

    as_user(page, live_server, "chief")  # 5. the chief editor signs the adoption off
    open_item(page, live_server, item)
    page.click("#sign-off")
    page.wait_for_selector(".messages")
    item.refresh_from_db()
    assert item.state == "adopted" and item.adoptions.get().signed_off_by == office.chief

    as_user(page, live_server, "editor")  # 6. the editor starts the next issue and puts the item in it
    page.goto(f"{live_server.url}/bulletins/")
    page.click("#new-issue")
    page.wait_for_selector("#candidates")
    page.locator("#candidates li", has_text=TITLE).locator("button").click()
    page.wait_for_selector(f"#preview h2:has-text('{TITLE}')")
    issue = Issue.objects.get()

    as_user(page, live_server, "chief")  # 7. the chief editor signs the issue off: it is published as 第1期
    page.goto(f"{live_server.url}/bulletins/{issue.pk}/")
    page.click("#sign-off-issue")
    page.wait_for_selector(".state.published")
    preview = page.inner_text("#preview")
    assert "第1期" in preview and TITLE in preview and "电线老化" in preview
    with page.expect_download() as download:
        page.click("#export-docx")
    from docx import Document

    texts = [p.text for p in Document(io.BytesIO(open(download.value.path(), "rb").read())).paragraphs]
    assert texts[0] == "示例宣传信息" and TITLE in texts and any("电线老化" in t for t in texts)
    assert ReportDeadline.objects.get(root=item, stage="first").status in {"met", "late"}
    assert dialogs == []
