"""Office pages: the review queue, deadlines, instructions and tasks, rankings, assessment, quotas."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.accounts.roles import has_role
from yuqing.errors import InputError, YuqingError
from yuqing.submissions import editing, scoring
from yuqing.submissions.access import visible_deadlines, visible_instructions, visible_submissions, visible_tasks
from yuqing.submissions.assessment import annual_sheet
from yuqing.submissions.excel import assessment_workbook, ranking_workbook
from yuqing.submissions.forms import RequestReportForm
from yuqing.submissions.models import Category, ReportDeadline, ReportingPolicy, State
from yuqing.submissions.periods import current_month, parse_period
from yuqing.submissions.rankings import ORDERS, person_rows, ranked, unit_rows
from yuqing.units.access import is_reviewer, visible_units

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not is_reviewer(request.user) and not has_role(request.user, "admin"):
        raise PermissionDenied
    waiting = (State.SUBMITTED, State.IN_REVIEW, State.PENDING_SIGNOFF)
    sudden_first = Case(When(category=Category.SUDDEN, then=Value(0)), default=Value(1), output_field=IntegerField())
    items = (visible_submissions(request.user).filter(state__in=waiting).select_related("unit", "holder", "author")
             .order_by(sudden_first, "submitted_at"))
    return render(request, "submissions/review.html", {"items": items})


@login_required
def deadline_board(request: HttpRequest) -> HttpResponse:
    form = RequestReportForm(request.POST or None, units=visible_units(request.user))
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data, unit=visible_units(request.user).get(pk=form.cleaned_data["unit"]))
            try:
                item = editing.request_report(request.user, **data)
            except YuqingError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Report requested from %(unit)s; its clocks are running.") % {"unit": item.unit.name})
                return redirect("submissions:deadlines")
    deadlines = visible_deadlines(request.user).select_related("root", "unit", "person")
    return render(request, "submissions/deadlines.html", {
        "running": deadlines.filter(status=ReportDeadline.Status.PENDING),
        "recent": deadlines.exclude(status=ReportDeadline.Status.PENDING).order_by("-due_at")[:50],
        "now": timezone.now(), "form": form, "can_request": is_reviewer(request.user),
        "policy": ReportingPolicy.current()})


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    tasks = visible_tasks(request.user).select_related("unit", "instruction__submission", "instruction__leader", "completed_by")
    return render(request, "submissions/tasks.html", {
        "open": tasks.filter(completed_at=None), "done": tasks.exclude(completed_at=None).order_by("-completed_at")[:50],
        "instructions": visible_instructions(request.user).select_related("submission__unit", "leader", "via_issue__periodical")[:100]})


def _period(request: HttpRequest):
    try:
        return parse_period(request.GET.get("period") or current_month()), None
    except InputError as error:
        return parse_period(current_month()), str(error)


@login_required
def ranking(request: HttpRequest) -> HttpResponse:
    period, error = _period(request)
    by = request.GET.get("by") if request.GET.get("by") in ORDERS else "points"
    units = visible_units(request.user)
    unit_table, person_table = ranked(unit_rows(period, units), by), ranked(person_rows(period, units), by)
    if request.GET.get("format") == "xlsx":
        return _download(ranking_workbook(period.label, unit_table, person_table), f"ranking-{period.first:%Y%m%d}.xlsx")
    return render(request, "submissions/ranking.html", {
        "period": period, "period_text": request.GET.get("period") or current_month(), "error": error, "by": by,
        "orders": ORDERS, "units": unit_table, "people": person_table, "rules": scoring.rule_table(),
        "categories": Category.choices, "policy": ReportingPolicy.current()})


@login_required
def assessment(request: HttpRequest) -> HttpResponse:
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else timezone.localdate().year
    units = visible_units(request.user)
    unit_sheet, person_sheet = annual_sheet(year, units), annual_sheet(year, units, by_person=True)
    if request.GET.get("format") == "xlsx":
        return _download(assessment_workbook(year, unit_sheet, person_sheet), f"assessment-{year}.xlsx")
    return render(request, "submissions/assessment.html", {"year": year, "units": unit_sheet, "people": person_sheet,
                                                           "months": range(1, 13)})


def _download(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
