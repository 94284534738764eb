"""Releases: drafting, sign-off by the roles that speak for the office, corrections and withdrawals
as new public versions with their reasons; nothing public is edited or disappears."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.releases.helpers import AT, TEXT, incident_with_statement, published
from yuqing.accounts.models import AuditEntry
from yuqing.errors import InputError, WorkflowError
from yuqing.releases import actions, public
from yuqing.releases.models import Release

pytestmark = pytest.mark.django_db


def test_a_draft_is_not_public_until_signed(office):
    _incident, statement = incident_with_statement(office)
    release = actions.draft_release(office.editor, title="仓库火情通报", issuer=statement.issuer, text=statement.text,
                                    statement=statement)
    assert release.state == Release.State.DRAFT and public.published() == [] and public.one(release.pk) is None
    actions.sign(office.chief, release, now=AT)
    [shown] = public.published()
    assert (shown.title, shown.issuer, shown.text, shown.published_at) == ("仓库火情通报", statement.issuer, TEXT, AT)
    assert release.incident == statement.incident
    assert AuditEntry.objects.filter(action="release.sign", target_id=str(release.pk), actor=office.chief).exists()


@pytest.mark.parametrize("role", ["editor", "officer_a", "head_a"])
def test_other_roles_cannot_sign(office, role):
    release = actions.draft_release(office.editor, title="通报", issuer="新闻办", text="正文")
    with pytest.raises(WorkflowError):
        actions.sign(getattr(office, role), release)
    assert Release.objects.get().state == Release.State.DRAFT


@pytest.mark.parametrize("role", ["chief", "leader", "admin"])
def test_the_roles_that_speak_for_the_office_sign(office, role):
    release = actions.draft_release(office.editor, title="通报", issuer="新闻办", text="正文")
    assert actions.sign(getattr(office, role), release).state == Release.State.PUBLISHED


def test_units_cannot_draft_and_a_release_needs_its_parts(office):
    with pytest.raises(WorkflowError):
        actions.draft_release(office.officer_a, title="通报", issuer="新闻办", text="正文")
    with pytest.raises(InputError):
        actions.draft_release(office.editor, title="通报", issuer=" ", text="正文")


def test_a_correction_is_a_new_signed_version_with_its_public_reason(office):
    release = published(office)
    with pytest.raises(InputError):
        actions.propose_correction(office.editor, release, text="更正后的正文", reason="")
    with pytest.raises(InputError):
        actions.propose_correction(office.editor, release, text=TEXT, reason="无变化")
    actions.propose_correction(office.editor, release, text="火情已扑灭，过火面积约200平方米。", reason="补充过火面积")
    assert public.one(release.pk).text == TEXT  # not public before it is signed
    with pytest.raises(WorkflowError):
        actions.propose_withdrawal(office.editor, release, reason="另一个变更")
    actions.sign(office.leader, release, now=AT + timedelta(hours=2))
    shown = public.one(release.pk)
    assert shown.text == "火情已扑灭，过火面积约200平方米。" and shown.corrected
    assert [(v.number, v.kind, v.reason) for v in shown.versions] == [(2, "correction", "补充过火面积"), (1, "original", "")]
    assert shown.versions[1].text == TEXT and shown.updated_at == AT + timedelta(hours=2) and shown.published_at == AT


def test_a_published_text_is_never_edited_in_place(office):
    release = published(office)
    with pytest.raises(WorkflowError):
        actions.edit_draft(office.editor, release, text="悄悄改掉")
    assert public.one(release.pk).text == TEXT


def test_a_withdrawal_keeps_the_release_listed_with_its_reason(office):
    release = published(office)
    actions.propose_withdrawal(office.editor, release, reason="信息有误，以后续通报为准")
    actions.sign(office.chief, release, now=AT + timedelta(hours=1))
    [shown] = public.published()
    assert shown.withdrawn and shown.changes[0].reason == "信息有误，以后续通报为准"
    with pytest.raises(WorkflowError):
        actions.propose_correction(office.editor, release, text="x", reason="y")


def test_discarding_a_draft_never_touches_what_is_public(office):
    release = published(office)
    actions.propose_correction(office.editor, release, text="草拟的更正", reason="草拟")
    assert actions.discard(office.editor, release) == release
    assert [v.number for v in public.one(release.pk).versions] == [1]
    with pytest.raises(WorkflowError):
        actions.discard(office.editor, release)  # nothing awaits sign-off; the published version stays
    draft = actions.draft_release(office.editor, title="未发布", issuer="新闻办", text="正文")
    assert actions.discard(office.chief, draft) is None and not Release.objects.filter(pk=draft.pk).exists()
