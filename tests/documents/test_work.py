"""From a document or a selection of search results to the work: results read well (one story a
row, matches marked, nothing blank), marks, the Excel export, and handing documents to an
incident, a draft briefing or a new submission; whoever may not is told who can."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.documents.factories import item
from tests.units.factories import build_office, make_user
from yuqing.accounts.models import AuditEntry
from yuqing.documents.models import Document, DocumentMark
from yuqing.documents.store import store_batch

pytestmark = pytest.mark.django_db


def stored() -> dict[str, Document]:
    """An original post, two copies of it, another post, and a row with no text at all."""
    store_batch([item(1, "永城化工厂起火，浓烟很大", site="www.people.com.cn", author="网友甲"),
                 item(2, "永城化工厂起火，浓烟很大", site="weibo.com"), item(3, "转发：永城化工厂起火，浓烟很大"),
                 item(4, "永城城际公交开通，化工厂附近设站", title="城际公交开通"), item(5, "   ")], None, None)
    docs = {d.external_id: d for d in Document.objects.all()}
    original = docs["t1"]
    Document.objects.filter(external_id__in=["t1", "t2", "t3"]).update(story_id=str(original.pk))
    Document.objects.filter(external_id="t1").update(sentiment="negative", places=[{"code": "411481", "name": "永城市"}])
    return {d.external_id: d for d in Document.objects.all()}


@pytest.fixture
def office():
    return build_office()


def results_page(client, query: str = "化工厂", **params) -> str:
    return client.get(reverse("documents:list"), {"q": query, **params}).content.decode()


def test_results_fold_copies_under_the_original_mark_the_words_and_skip_blank_rows(office, client):
    docs = stored()
    client.force_login(office.editor)
    page = results_page(client, "化工厂 NOT 演习")
    assert page.count('name="ids"') == 2  # the original (with its two copies) and the other post
    assert 'id="result-count"' in page and "2" in page.split('id="result-count"')[1].split("</p>")[0]
    row = page.split(f'value="{docs["t1"].pk}"')[1].split("</li>\n")[0]
    assert "<mark>化工厂</mark>" in row and "details" in row and "人民网" in row  # folded copies, the site's name
    assert "<mark>演习</mark>" not in page
    everything = results_page(client, "")
    assert f'value="{docs["t5"].pk}"' not in everything  # no blank title for a row with no text


def test_marks_from_a_selection_and_from_opening_a_document(office, client):
    docs = stored()
    client.force_login(office.editor)
    client.post(reverse("documents:selection"), {"ids": [docs["t4"].pk], "do": "important"})
    assert DocumentMark.objects.get(user=office.editor, document=docs["t4"]).important
    important = results_page(client, mark="important")
    assert f'value="{docs["t4"].pk}"' in important and f'value="{docs["t1"].pk}"' not in important
    client.get(reverse("documents:detail", args=[docs["t1"].pk]))  # opened: read
    assert f'value="{docs["t1"].pk}"' not in results_page(client, mark="unread")
    assert AuditEntry.objects.filter(action="document.mark", actor=office.editor).count() == 1


def test_the_selection_exports_to_excel_with_a_header_row_the_office_can_use(office, client):
    docs = stored()
    client.force_login(office.editor)
    response = client.post(reverse("documents:selection"), {"ids": [docs["t1"].pk, docs["t4"].pk], "do": "export"})
    assert "spreadsheetml" in response["Content-Type"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("时间", "网站", "作者", "标题", "正文", "链接", "情感", "地域")
    first = rows[1]
    assert isinstance(first[0], datetime) and first[1] == "人民网" and first[2] == "网友甲"
    assert first[4] == "永城化工厂起火，浓烟很大" and first[6] == "负面" and first[7] == "永城市"
    assert sheet.print_title_rows in ("1:1", "$1:$1") and sheet.freeze_panes == "A2" and len(rows) == 3


def test_add_a_selection_to_an_incident_and_to_a_draft_briefing(office, client):
    from yuqing.briefings import actions as briefing_actions
    from yuqing.incidents import actions as incident_actions
    from yuqing.incidents.models import LinkedDocument

    docs = stored()
    duty = make_user("duty", "duty_officer")
    incident = incident_actions.open_incident(duty, title="永城化工厂火情")
    client.force_login(duty)
    page = results_page(client)
    assert 'id="do-incident"' in page and "永城化工厂火情" in page
    client.post(reverse("documents:selection"), {"ids": [docs["t1"].pk, docs["t4"].pk], "do": "incident",
                                                 "target-incident": incident.pk})
    assert set(LinkedDocument.objects.filter(incident=incident).values_list("document_id", flat=True)) == {docs["t1"].pk, docs["t4"].pk}
    draft = briefing_actions.generate(None, kind="daily", day=docs["t1"].published_at.date())
    client.force_login(office.editor)
    client.post(reverse("documents:selection"), {"ids": [docs["t4"].pk], "do": "briefing", "target-briefing": draft.pk})
    draft.refresh_from_db()
    assert draft.picked == [docs["t4"].pk]
    briefing = client.get(reverse("briefings:detail", args=[draft.pk])).content.decode()
    selected = briefing.split('id="s-selected"')[1].split("</section>")[0]
    assert "永城城际公交开通" in selected and 'class="section-sources"' in selected


def test_start_a_submission_from_a_document_with_its_text_and_link(office, client):
    from yuqing.submissions.models import Submission, SubmissionLink

    docs = stored()
    client.force_login(office.officer_a)
    response = client.post(reverse("documents:selection"), {"ids": [docs["t1"].pk], "do": "submission"})
    assert response.status_code == 302 and f"documents={docs['t1'].pk}" in response["Location"]
    form = client.get(response["Location"]).content.decode()
    assert "永城化工厂起火，浓烟很大" in form and "人民网" in form and "永城市" in form
    client.post(response["Location"], {"unit": office.county_a.pk, "category": "routine", "title": "永城化工厂起火",
                                       "body": "永城化工厂起火，浓烟很大", "event_place": "永城市", "then": "save"})
    item = Submission.objects.get()
    assert SubmissionLink.objects.filter(submission=item, kind="document", target=str(docs["t1"].pk)).exists()


def test_who_may_not_is_told_who_can(office, client):
    stored()
    client.force_login(office.officer_a)
    page = results_page(client)
    incident = page.split('id="offer-incident"')[1].split("</div>")[0]
    assert 'id="do-incident"' not in page and "值班员" in incident
    client.force_login(office.editor)
    page = results_page(client)
    assert 'id="do-submission"' not in page and "信息员" in page.split('id="offer-submission"')[1].split("</div>")[0]


def test_text_that_looks_like_a_formula_is_exported_as_text(office):
    from tests.submissions.test_workbooks import _live_formulas
    from yuqing.documents.export import workbook

    store_batch([item(7, "-1+1 是多少", title='=HYPERLINK("http://evil.example","点此")', author="@SUM(1)")], None, None)
    data = workbook(Document.objects.all())
    assert _live_formulas(data) == []
    row = [c for c in load_workbook(io.BytesIO(data)).active[2]]
    assert [row[2].value, row[3].value, row[4].value] == ["@SUM(1)", '=HYPERLINK("http://evil.example","点此")', "-1+1 是多少"]
    assert all(c.data_type == "s" and c.quotePrefix for c in row[2:5])


def test_opening_a_document_again_writes_nothing(office, client):
    """The first opening marks it read; later ones only read (no write lock behind an import, issue 11)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    docs = stored()
    client.force_login(office.editor)
    page = reverse("documents:detail", args=[docs["t4"].pk])
    client.get(page)
    first = DocumentMark.objects.get(user=office.editor, document=docs["t4"])
    assert first.read_at is not None and not first.important
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
              and "documents_documentmark" in q["sql"]]
    assert writes == []
    assert DocumentMark.objects.get(pk=first.pk).read_at == first.read_at
    client.post(reverse("documents:selection"), {"ids": [docs["t4"].pk], "do": "unread"})  # marked unread by hand
    assert DocumentMark.objects.get(pk=first.pk).read_at is None
    client.get(page)
    assert DocumentMark.objects.get(pk=first.pk).read_at is not None  # opening it marks it read again
