"""Item pages: the list (with search), writing, the detail page (review happens there), diffs, files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.errors import YuqingError
from yuqing.submissions import editing, work, workflow
from yuqing.submissions.access import visible_needs, visible_submissions
from yuqing.submissions.diff import diff_segments
from yuqing.submissions.forms import FollowUpForm, SubmissionForm
from yuqing.submissions.models import Attachment, Category, ReportDeadline, State
from yuqing.submissions.permissions import allowed
from yuqing.submissions.richtext import to_text
from yuqing.units.access import member_units, visible_units

PAGE_SIZE = 30


def filtered(request: HttpRequest):
    items = visible_submissions(request.user).select_related("unit", "author", "holder")
    params = request.GET
    if params.get("state") in State.values:
        items = items.filter(state=params["state"])
    if params.get("category") in Category.values:
        items = items.filter(category=params["category"])
    if params.get("unit", "").isdigit():
        items = items.filter(unit_id=int(params["unit"]))
    if query := params.get("q", "").strip():
        items = items.filter(Q(title__icontains=query) | Q(body__icontains=query))
    if params.get("overdue"):
        items = items.filter(deadlines__status=ReportDeadline.Status.PENDING, deadlines__due_at__lte=timezone.now()).distinct()
    return items


@login_required
def submission_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(filtered(request), PAGE_SIZE).get_page(request.GET.get("page"))
    overdue = set(ReportDeadline.objects.filter(root__in=[i.pk for i in page], status=ReportDeadline.Status.PENDING,
                                                due_at__lte=timezone.now()).values_list("root_id", flat=True))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "submissions/list.html", {
        "page_obj": page, "overdue": overdue, "filters": request.GET, "query_string": params.urlencode(),
        "states": State.choices, "categories": Category.choices, "units": visible_units(request.user),
        "can_write": member_units(request.user).exists()})


@login_required
def submission_create(request: HttpRequest) -> HttpResponse:
    """A new item; with ?need=ID it answers that information need (its units and categories only)."""
    units = member_units(request.user)
    need = get_object_or_404(visible_needs(request.user), pk=request.GET["need"]) if request.GET.get("need", "").isdigit() else None
    if need is not None:
        units = units.filter(pk__in=need.asked.values("unit_id"))
    if not units.exists():
        raise PermissionDenied(_("Submissions are written by the officers of a unit; ask your unit's officer to report it."))
    documents = work.from_documents(request.user, request.GET.get("documents", ""))
    form = SubmissionForm(request.POST or None, units=units, categories=need.categories if need else (),
                          initial=work.initial(documents) if documents else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data, unit=units.get(pk=form.cleaned_data["unit"]), need=need)
        try:
            with transaction.atomic():
                item = editing.create_submission(request.user, **data)
                work.link_documents(request.user, item, documents)
        except YuqingError as error:
            form.add_error(None, str(error))
        else:
            return _then_submit(request, item)
    return render(request, "submissions/form.html", {"form": form, "need": need, "documents": documents})


def _then_submit(request: HttpRequest, item) -> HttpResponse:
    """The item is saved; submit it too when asked (a refusal is shown on the item's page)."""
    if request.POST.get("then") == "submit":
        try:
            workflow.submit(request.user, item)
        except YuqingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Submitted."))
    return redirect("submissions:detail", item.pk)


@login_required
def submission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(visible_submissions(request.user), pk=pk)
    if "edit" not in allowed(request.user, item):
        raise PermissionDenied
    units = member_units(request.user)
    initial = {"unit": item.unit_id, "category": item.category, "title": item.title, "body": item.body,
               "event_at": timezone.localtime(item.event_at) if item.event_at else None, "event_place": item.event_place}
    form = SubmissionForm(request.POST or None, initial=initial, units=units)
    form.fields["unit"].disabled = True
    return_note = item.notes.filter(kind=State.RETURNED).last() if item.state == State.RETURNED else None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "unit"}
        try:
            editing.edit_submission(request.user, item, **data)
        except YuqingError as error:
            form.add_error(None, str(error))
        else:
            return _then_submit(request, item)
    return render(request, "submissions/form.html", {"form": form, "item": item, "return_note": return_note})


@login_required
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    root = get_object_or_404(visible_submissions(request.user), pk=pk)
    if "follow_up" not in allowed(request.user, root):
        raise PermissionDenied
    form = FollowUpForm(request.POST or None, initial={"title": root.title})
    if request.method == "POST" and form.is_valid():
        try:
            item = editing.create_submission(request.user, unit=root.unit, category=Category.SUDDEN, thread=root,
                                             **form.cleaned_data)
        except YuqingError as error:
            form.add_error(None, str(error))
        else:
            return _then_submit(request, item)
    return render(request, "submissions/form.html", {"form": form, "root": root})


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Reading an item changes nothing: an editor takes it for review with the page's button (a POST)."""
    item = get_object_or_404(visible_submissions(request.user).select_related("unit", "author", "holder"), pk=pk)
    from yuqing.submissions.views.context import detail_context

    return render(request, "submissions/detail.html", detail_context(request, item, None))


@login_required
def version_diff(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(visible_submissions(request.user), pk=pk)
    versions = {v.number: v for v in item.versions.all()}
    newest = max(versions)
    b = _number(request.GET.get("b"), newest, versions)
    a = _number(request.GET.get("a"), max(1, b - 1), versions)
    old, new = versions[a], versions[b]
    return render(request, "submissions/diff.html", {
        "item": item, "a": old, "b": new, "numbers": sorted(versions),
        "title_diff": diff_segments(old.title, new.title), "body_diff": diff_segments(to_text(old.body), to_text(new.body))})


def _number(value: str | None, default: int, versions: dict) -> int:
    return int(value) if value and value.isdigit() and int(value) in versions else default


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    item = get_object_or_404(visible_submissions(request.user), pk=pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, submission=item)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
                        content_type=attachment.content_type)
