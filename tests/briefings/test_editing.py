"""A generated briefing is a draft people edit (their analysis and recommendations included),
send for sign-off, get back with a note, and sign off; generated again for the same period it
is a new version of the same briefing; a draft can be deleted. Sources are a list, not inline."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from docx import Document as WordDocument

from tests.briefings.fixtures import store_day
from yuqing.accounts.models import AuditEntry
from yuqing.briefings import actions, workflow
from yuqing.briefings.models import Briefing, BriefingVersion
from yuqing.errors import WorkflowError
from yuqing.notifications.models import Notification

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 3)


@pytest.fixture
def chief(django_user_model):
    user = django_user_model.objects.create_user("chief", first_name="周总编", password="pw-chief-1")
    user.groups.add(Group.objects.get_or_create(name="chief_editor")[0])
    return user


def daily(actor) -> Briefing:
    return actions.generate(actor, kind="daily", day=DAY, base_url="http://testserver")


def word_text(data: bytes) -> str:
    doc = WordDocument(io.BytesIO(data))
    return "\n".join(p.text for p in doc.paragraphs) + "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)


def test_generating_the_same_period_again_makes_a_new_version_not_a_second_briefing(people):
    store_day()
    first = daily(people["duty"])
    workflow.edit(people["editor"], first, title=first.title, texts={"analysis": "火情舆论以关切安全为主。"})
    again = daily(people["editor"])
    assert again.pk == first.pk and Briefing.objects.count() == 1
    assert again.version == 2 and again.state == "draft" and again.texts == {"analysis": "火情舆论以关切安全为主。"}
    [old] = BriefingVersion.objects.filter(briefing=again)
    assert old.number == 1 and old.texts == {"analysis": "火情舆论以关切安全为主。"} and old.content["sections"]


def test_an_editor_rewrites_sections_and_writes_the_analysis_and_the_recommendations(people, client):
    store_day()
    made = daily(people["duty"])
    client.force_login(people["editor"])
    form = client.get(reverse("briefings:edit", args=[made.pk])).content.decode()
    assert 'name="text-overview"' in form and 'name="text-analysis"' in form and 'name="text-recommendations"' in form
    response = client.post(reverse("briefings:edit", args=[made.pk]), {
        "title": "舆情日报（11月3日）", "text-overview": "当日全网涉我市信息13条，主要涉及永城化工厂火情。\n\n总体平稳。",
        "text-analysis": "火情处置及时，舆论关注点转向化工厂选址。", "text-recommendations": "建议应急管理局适时发布调查进展。"})
    assert response.status_code == 302
    made.refresh_from_db()
    assert set(made.texts) == {"overview", "analysis", "recommendations"}  # untouched sections keep the generated text
    page = client.get(reverse("briefings:detail", args=[made.pk])).content.decode()
    assert "总体平稳。" in page and "建议应急管理局适时发布调查进展。" in page and "[E1]" not in page
    overview = page.split('id="s-overview"')[1].split("</section>")[0]
    assert 'class="section-sources"' in overview and 'href="#E1">[1]</a>' in overview  # the sources stay, once, at the end
    text = word_text(client.get(reverse("briefings:file", args=[made.pk, "docx"])).content)
    assert "舆情日报（11月3日）" in text and "火情处置及时" in text and "[E" not in text
    assert AuditEntry.objects.filter(action="briefing.edit", target_id=str(made.pk)).exists()


def test_review_return_and_sign_off_like_a_bulletin(people, chief, client):
    store_day()
    made = daily(people["duty"])
    workflow.submit(people["editor"], made)
    assert Notification.objects.filter(user=chief, kind="briefing").exists()
    with pytest.raises(WorkflowError):
        workflow.sign_off(people["editor"], made)  # an editor does not sign
    with pytest.raises(WorkflowError):
        workflow.edit(people["editor"], made, title="x", texts={})  # waiting for sign-off: not edited
    workflow.send_back(chief, made, note="请补充研判分析")
    assert made.state == "draft" and Notification.objects.filter(user=people["editor"], title__contains=made.title).exists()
    workflow.edit(people["editor"], made, title=made.title, texts={"analysis": "研判：舆情总体可控。"})
    workflow.submit(people["editor"], made)
    client.force_login(chief)
    assert client.post(reverse("briefings:step", args=[made.pk, "sign_off"])).status_code == 302
    made.refresh_from_db()
    assert made.state == "signed" and made.signed_off_by == chief
    text = word_text(client.get(reverse("briefings:file", args=[made.pk, "docx"])).content)
    assert "周总编" in text and "研判：舆情总体可控。" in text
    for change in (lambda: workflow.edit(chief, made, title="x", texts={}), lambda: workflow.delete(chief, made),
                   lambda: daily(chief)):
        with pytest.raises(WorkflowError):
            change()


def test_a_draft_can_be_deleted_and_whoever_may_not_is_told_who_can(people, client):
    store_day()
    made = daily(people["duty"])
    client.force_login(people["outsider"])
    page = client.get(reverse("briefings:detail", args=[made.pk])).content.decode()
    assert 'id="edit"' not in page and 'id="delete"' not in page and ('analysts, duty officers' in page or '分析员' in page)
    assert client.get(reverse("briefings:edit", args=[made.pk])).status_code == 403
    client.post(reverse("briefings:step", args=[made.pk, "delete"]))
    assert Briefing.objects.filter(pk=made.pk).exists()
    client.force_login(people["editor"])
    assert client.post(reverse("briefings:step", args=[made.pk, "delete"])).status_code == 302
    assert not Briefing.objects.exists()
    assert AuditEntry.objects.filter(action="briefing.delete", target_id=str(made.pk)).exists()


def test_sources_show_the_sites_name(people, client):
    from yuqing.sources.models import SiteName

    docs = store_day()
    docs[0].site = "www.people.com.cn"
    docs[0].save(update_fields=["site"])
    SiteName.objects.create(domain="news.example", name="示例新闻网")
    made = daily(people["duty"])
    client.force_login(people["editor"])
    page = client.get(reverse("briefings:detail", args=[made.pk])).content.decode()
    sources = page.split('id="s-evidence"')[1]
    assert "人民网" in sources and "www.people.com.cn" not in sources and "示例新闻网" in sources
    assert "示例新闻网" in page.split('id="s-sources"')[1].split("</section>")[0]
