"""Opening an item changes nothing; taking it is a POST that locks the row, so two editors cannot
both hold it; links answer the same for what does not exist and what the user may not see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.concurrency import postgres_only, while_first_holds
from tests.submissions.helpers import new_item
from yuqing.errors import InputError, WorkflowError
from yuqing.submissions import links, workflow
from yuqing.submissions.models import Submission


def submitted(office) -> Submission:
    item = new_item(office)
    return workflow.submit(office.officer_a, item)


@pytest.mark.django_db
def test_an_editor_opening_an_item_does_not_hold_it(client, office):
    item = submitted(office)
    client.force_login(office.editor)
    page = client.get(reverse("submissions:detail", args=[item.pk]))
    assert page.status_code == 200 and 'id="take"' in page.content.decode()
    item.refresh_from_db()
    assert (item.state, item.holder_id) == ("submitted", None)
    assert client.post(reverse("submissions:act", args=[item.pk, "take"])).status_code == 302
    item.refresh_from_db()
    assert (item.state, item.holder_id) == ("in_review", office.editor.pk)


@pytest.mark.django_db
def test_taking_reads_the_row_again_so_a_stale_page_cannot_steal_a_hold(office):
    stale = submitted(office)  # what the second editor's request loaded before the first one took it
    workflow.take(office.editor2, Submission.objects.get(pk=stale.pk))
    with pytest.raises(WorkflowError, match="editor2"):
        workflow.take(office.editor, stale)
    assert Submission.objects.get(pk=stale.pk).holder_id == office.editor2.pk


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_editors_taking_at_once_are_served_one_after_the_other(office):
    """The first editor's transaction holds the row; the second one's take waits for it, then sees the hold."""
    item = submitted(office)

    def second_editor() -> str:
        try:
            workflow.take(office.editor2, Submission.objects.get(pk=item.pk))
            return "took it"
        except WorkflowError:
            return "refused"

    _, second = while_first_holds(lambda: workflow.take(office.editor, Submission.objects.get(pk=item.pk)), second_editor)
    assert second == "refused"
    assert Submission.objects.get(pk=item.pk).holder_id == office.editor.pk


@pytest.mark.django_db
def test_a_link_to_an_incident_one_may_not_see_reads_like_one_that_does_not_exist(office):
    from yuqing.incidents import actions as incidents

    hidden = incidents.open_incident(office.admin, title="内部处置：不公开的标题")
    item = new_item(office)
    answers = []
    for ref in (str(hidden.pk), "99999"):
        with pytest.raises(InputError) as refused:
            links.add_link(office.officer_a, item, kind="incident", ref=ref)
        answers.append(str(refused.value).replace(ref, "N"))
    assert answers[0] == answers[1] and "不公开" not in answers[0]
    incidents.add_member(office.admin, hidden, user_id=office.officer_a.pk)
    assert links.add_link(office.officer_a, item, kind="incident", ref=str(hidden.pk)).label == hidden.title
