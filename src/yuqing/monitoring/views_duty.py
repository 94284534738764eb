"""The duty calendar: a week of shifts with gaps shown, the current shift and its hand-over notes."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuqing.errors import InputError, WorkflowError
from yuqing.monitoring import duty
from yuqing.monitoring.forms import HandoverForm, RotationForm, ShiftForm
from yuqing.monitoring.access import alert_counts, visible_alerts
from yuqing.monitoring.models import Alert, Shift


def _week_start(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        today = timezone.localdate()
        return today - timedelta(days=today.weekday())


def _day_rows(first: date, days: int = 7) -> list[dict]:
    rows = []
    for n in range(days):
        day = first + timedelta(days=n)
        start, end = duty.day_bounds(day)
        shifts = Shift.objects.filter(ends_at__gt=start, starts_at__lt=end).select_related("officer", "backup", "leader")
        rows.append({"day": day, "shifts": list(shifts), "gaps": duty.gaps(start, end)})
    return rows


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    now, first = timezone.now(), _week_start(request)
    current = duty.shift_at(now)
    previous = Shift.objects.filter(ends_at__lte=now).order_by("-ends_at").first()
    return render(request, "monitoring/duty.html", {
        "rows": _day_rows(first), "first": first, "prev_week": first - timedelta(days=7), "next_week": first + timedelta(days=7),
        "now": now, "current": current, "previous": previous, "can_plan": duty.can_plan(request.user),
        "shift_form": ShiftForm(), "rotation_form": RotationForm(initial={"first_day": first}), "handover_form": HandoverForm(),
        "waiting": visible_alerts(request.user).filter(status=Alert.Status.NEW).select_related("scheme", "assignee")[:20],
        "counts": alert_counts(request.user)})


def _back(request: HttpRequest) -> HttpResponse:
    return redirect("monitoring:duty")


def _report(request: HttpRequest, form, run) -> HttpResponse:
    if not form.is_valid():
        messages.error(request, "; ".join(f"{form.fields[k].label if k in form.fields else ''}: {', '.join(v)}" for k, v in form.errors.items()))
        return _back(request)
    try:
        run(form.cleaned_data)
    except (InputError, WorkflowError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The roster was updated."))
    return _back(request)


@login_required
@require_POST
def shift_add(request: HttpRequest) -> HttpResponse:
    return _report(request, ShiftForm(request.POST), lambda data: duty.create_shift(request.user, **data))


@login_required
@require_POST
def rotation(request: HttpRequest) -> HttpResponse:
    def run(data: dict) -> None:
        duty.plan_rotation(request.user, officers=list(data["officers"]), first_day=data["first_day"], days=data["days"],
                           start_hour=data["start_hour"], hours=data["hours"], backup=data["backup"], leader=data["leader"])

    return _report(request, RotationForm(request.POST), run)


@login_required
@require_POST
def shift_delete(request: HttpRequest, pk: int) -> HttpResponse:
    shift = get_object_or_404(Shift, pk=pk)
    try:
        duty.delete_shift(request.user, shift)
    except (InputError, WorkflowError) as error:
        messages.error(request, str(error))
    return _back(request)


@login_required
@require_POST
def handover(request: HttpRequest, pk: int) -> HttpResponse:
    shift = get_object_or_404(Shift, pk=pk)
    return _report(request, HandoverForm(request.POST), lambda data: duty.add_handover_note(request.user, shift, text=data["text"]))
