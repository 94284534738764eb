"""The office's release pages, as the roles that use them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.releases.helpers import TEXT, incident_with_statement, published
from yuqing.releases.models import Release

pytestmark = pytest.mark.django_db


def test_an_editor_drafts_from_a_statement_and_the_chief_signs(client, office):
    _incident, statement = incident_with_statement(office)
    client.force_login(office.editor)
    form = client.get(reverse("releases:new") + f"?statement={statement.pk}").content.decode()
    assert "示例市人民政府新闻办公室" in form and "消防部门迅速到场处置" in form
    client.post(reverse("releases:new"), {"statement": statement.pk, "title": "某街道仓库火情通报",
                                          "issuer": statement.issuer, "text": statement.text})
    release = Release.objects.get()
    assert (release.state, release.incident, release.statement) == ("draft", statement.incident, statement)
    client.post(reverse("releases:act", args=[release.pk, "sign"]))
    assert Release.objects.get().state == "draft"  # an editor does not speak for the office
    client.force_login(office.chief)
    assert "某街道仓库火情通报" in client.get(reverse("releases:manage")).content.decode()
    client.post(reverse("releases:act", args=[release.pk, "sign"]))
    assert Release.objects.get().state == "published"


def test_a_correction_through_the_pages(client, office):
    release = published(office)
    client.force_login(office.editor)
    client.post(reverse("releases:act", args=[release.pk, "correct"]), {"text": "更正后的正文。", "reason": "更正时间"})
    client.force_login(office.leader)
    client.post(reverse("releases:act", args=[release.pk, "sign"]))
    page = client.get(reverse("releases:detail", args=[release.pk])).content.decode()
    assert "更正后的正文。" in page and "更正时间" in page and "消防部门迅速到场处置" in page  # the first version stays readable


@pytest.mark.parametrize("role", ["officer_a", "head_a"])
def test_unit_users_do_not_manage_releases(client, office, role):
    release = published(office)
    client.force_login(getattr(office, role))
    assert client.get(reverse("releases:manage")).status_code == 403
    assert client.get(reverse("releases:new")).status_code == 403
    assert client.get(reverse("releases:manage_detail", args=[release.pk])).status_code == 403
    assert client.post(reverse("releases:act", args=[release.pk, "withdraw"]), {"reason": "x"}).status_code == 403
    assert Release.objects.get().state == "published"
    assert TEXT.splitlines()[0] in client.get(reverse("releases:list")).content.decode()  # the public page is for everyone


def test_the_incident_page_offers_to_publish_each_statement(client, office):
    incident, statement = incident_with_statement(office)
    client.force_login(office.editor)
    page = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    link = f'{reverse("releases:new")}?statement={statement.pk}'
    assert link in page and "示例市人民政府新闻办公室" in client.get(link).content.decode()
