from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status

from yuqing.bulletins import actions
from yuqing.bulletins.access import visible_issues
from yuqing.bulletins.docx_export import issue_docx
from yuqing.bulletins.models import Periodical
from yuqing.bulletins.pdf_export import issue_pdf
from yuqing.bulletins.views import DOCX
from yuqing.errors import InputError
from yuqing.submissions.access import visible_submissions

router = Router(tags=["bulletins"])


class EntryOut(Schema):
    id: int
    submission_id: int
    position: int
    title: str
    body: str
    source_label: str


class IssueOut(Schema):
    id: int
    periodical: str
    year: int
    number: int | None
    state: str
    editor_note: str
    distribution: str
    issued_on: date | None
    corrects_id: int | None
    entries: list[EntryOut]

    @staticmethod
    def resolve_periodical(obj) -> str:
        return obj.periodical.name

    @staticmethod
    def resolve_entries(obj) -> list:
        return list(obj.entries.all())


class IssueIn(Schema):
    periodical_id: int
    editor_note: str = ""


class EntryIn(Schema):
    submission_id: int


def _issue(request, issue_id: int):
    return get_object_or_404(visible_issues(request.user).select_related("periodical"), pk=issue_id)


@router.get("", response=list[IssueOut])
def list_issues(request):
    return visible_issues(request.user).select_related("periodical").prefetch_related("entries")


@router.post("", response={201: IssueOut})
def create_issue(request, payload: IssueIn):
    periodical = get_object_or_404(Periodical, pk=payload.periodical_id)
    return Status(201, actions.create_issue(request.user, periodical=periodical, editor_note=payload.editor_note))


@router.get("/{issue_id}", response=IssueOut)
def get_issue(request, issue_id: int):
    return _issue(request, issue_id)


@router.post("/{issue_id}/entries", response=IssueOut)
def add_entry(request, issue_id: int, payload: EntryIn):
    issue = _issue(request, issue_id)
    actions.add_entry(request.user, issue, submission=get_object_or_404(visible_submissions(request.user), pk=payload.submission_id))
    return issue


@router.post("/{issue_id}/sign_off", response=IssueOut)
def sign_off(request, issue_id: int):
    return actions.sign_off(request.user, _issue(request, issue_id))


@router.post("/{issue_id}/correct", response={201: IssueOut})
def correct(request, issue_id: int):
    return Status(201, actions.correct(request.user, _issue(request, issue_id)))


@router.get("/{issue_id}/export/{kind}")
def export(request, issue_id: int, kind: str):
    issue = _issue(request, issue_id)
    if kind not in {"docx", "pdf"}:
        raise InputError("export as docx or pdf")
    data, content_type = (issue_docx(issue), DOCX) if kind == "docx" else (issue_pdf(issue), "application/pdf")
    return HttpResponse(data, content_type=content_type)
