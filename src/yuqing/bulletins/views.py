from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from yuqing.bulletins import actions
from yuqing.bulletins.access import can_compose, can_sign_off, visible_issues
from yuqing.bulletins.docx_export import issue_docx
from yuqing.bulletins.models import Issue, Periodical
from yuqing.bulletins.pdf_export import issue_pdf
from yuqing.errors import InputError, YuqingError
from yuqing.submissions.access import can_instruct, visible_submissions
from yuqing.submissions.instructions import give_instruction
from yuqing.submissions.models import State

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _issue(request: HttpRequest, pk: int) -> Issue:
    return get_object_or_404(visible_issues(request.user).select_related("periodical", "signed_off_by", "corrects"), pk=pk)


@login_required
def issue_list(request: HttpRequest) -> HttpResponse:
    if not _office(request):
        raise PermissionDenied
    issues = visible_issues(request.user).select_related("periodical", "signed_off_by")
    if request.method == "POST":
        if not can_compose(request.user):
            raise PermissionDenied
        periodical = get_object_or_404(Periodical, pk=request.POST.get("periodical") or 0)
        try:
            issue = actions.create_issue(request.user, periodical=periodical)
        except YuqingError as error:
            messages.error(request, str(error))
        else:
            return redirect("bulletins:detail", issue.pk)
    return render(request, "bulletins/list.html", {"issues": issues, "periodicals": Periodical.objects.filter(active=True),
                                                   "can_compose": can_compose(request.user)})


def _office(request: HttpRequest) -> bool:
    from yuqing.units.access import is_office_wide

    return is_office_wide(request.user)


def candidates(issue: Issue, user):
    """Adopted items not yet printed in a published issue of this periodical nor in this draft."""
    printed = issue.periodical.issues.filter(state=Issue.State.PUBLISHED).values("entries__submission")
    return (visible_submissions(user).filter(state=State.ADOPTED).exclude(pk__in=printed)
            .exclude(pk__in=issue.entries.values("submission")).select_related("unit").order_by("-adopted_at")[:100])


@login_required
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    composing = can_compose(request.user) and not issue.is_published
    return render(request, "bulletins/detail.html", {
        "issue": issue, "entries": issue.entries.select_related("submission__unit"), "composing": composing,
        "candidates": candidates(issue, request.user) if composing else [],
        "can_sign_off": can_sign_off(request.user) and not issue.is_published,
        "can_correct": can_compose(request.user) and issue.is_published, "can_instruct": can_instruct(request.user),
        "corrections": issue.corrections.all()})


def _posted(request: HttpRequest, name: str) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else 0


def _entry(issue: Issue, request: HttpRequest):
    entry = issue.entries.filter(pk=_posted(request, "entry")).first()
    if entry is None:
        raise InputError(_("Choose an entry of this issue"))
    return entry


def _adoptable(request: HttpRequest):
    item = visible_submissions(request.user).filter(pk=_posted(request, "submission")).first()
    if item is None:
        raise InputError(_("Choose an adopted item"))
    return item


VERBS = {
    "update": lambda r, i: actions.update_issue(r.user, i, editor_note=r.POST.get("editor_note", ""),
                                                distribution=r.POST.get("distribution", "")),
    "add": lambda r, i: actions.add_entry(r.user, i, submission=_adoptable(r)),
    "remove": lambda r, i: actions.remove_entry(r.user, _entry(i, r)),
    "up": lambda r, i: actions.move_entry(r.user, _entry(i, r), up=True),
    "down": lambda r, i: actions.move_entry(r.user, _entry(i, r), up=False),
    "edit": lambda r, i: actions.edit_entry(r.user, _entry(i, r), title=r.POST.get("title", ""),
                                            body=r.POST.get("body", ""), source_label=r.POST.get("source_label", "")),
    "sign_off": lambda r, i: actions.sign_off(r.user, i),
    "instruct": lambda r, i: give_instruction(r.user, _entry(i, r).submission, text=r.POST.get("text", ""), via_issue=i),
}


@login_required
def act(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    if request.method != "POST":
        raise Http404
    issue = _issue(request, pk)
    if verb == "correct":
        try:
            correction = actions.correct(request.user, issue)
        except YuqingError as error:
            messages.error(request, str(error))
            return redirect("bulletins:detail", pk)
        return redirect("bulletins:detail", correction.pk)
    if verb not in VERBS:
        raise Http404
    try:
        VERBS[verb](request, issue)
    except YuqingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect("bulletins:detail", pk)


@login_required
def export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    issue = _issue(request, pk)
    name = f"{issue.periodical.name}-{issue.year}-{issue.number or 'draft'}"
    if kind == "docx":
        response = HttpResponse(issue_docx(issue), content_type=DOCX)
    elif kind == "pdf":
        response = HttpResponse(issue_pdf(issue), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{kind}")
    return response
