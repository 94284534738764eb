from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuqing.accounts.roles import has_role
from yuqing.errors import InputError, YuqingError
from yuqing.units import actions
from yuqing.units.access import can_manage_units, visible_units
from yuqing.units.forms import ImportForm, OfficerForm, TrainingForm, UnitForm
from yuqing.units.importing import import_units
from yuqing.units.models import Attendance, Officer, Training, Unit


def visible_officers(user):
    return Officer.objects.filter(unit__in=visible_units(user)).select_related("unit", "user")


def can_edit_officers(user) -> bool:
    return can_manage_units(user) or has_role(user, "unit_head")


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = visible_units(request.user).prefetch_related("officers")
    return render(request, "units/list.html", {"units": units, "can_manage": can_manage_units(request.user)})


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(visible_units(request.user), pk=pk)
    children = visible_units(request.user).filter(parent=unit)
    return render(request, "units/detail.html", {"unit": unit, "children": children,
                                                  "officers": unit.officers.all(), "can_manage": can_manage_units(request.user)})


@login_required
def unit_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not can_manage_units(request.user):
        raise PermissionDenied
    unit = get_object_or_404(Unit, pk=pk) if pk else None
    initial = {f: getattr(unit, f) for f in ("code", "name", "kind", "parent", "head", "head_phone", "position")} if unit else {}
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v is not None}
        try:
            if unit:
                data.pop("code")
                unit = actions.update_unit(request.user, unit, **data)
            else:
                unit = actions.create_unit(request.user, **data)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            return redirect("units:detail", unit.pk)
    return render(request, "units/form.html", {"form": form, "title": _("Edit unit") if unit else _("Add a unit")})


@login_required
def unit_import(request: HttpRequest) -> HttpResponse:
    if not can_manage_units(request.user):
        raise PermissionDenied
    return import_page(request, ImportForm, import_units, "units/import.html")


def import_page(request: HttpRequest, form_class, importer, template: str) -> HttpResponse:
    """A spreadsheet upload page: `importer(actor, name=, stream=)` reads it; its report, or why not, is shown."""
    form, report = form_class(request.POST or None, request.FILES or None), None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = importer(request.user, name=upload.name, stream=upload)
        except InputError as error:
            form.add_error("file", str(error))
    return render(request, template, {"form": form, "report": report})


@login_required
def officer_list(request: HttpRequest) -> HttpResponse:
    officers = visible_officers(request.user)
    status, unit = request.GET.get("status", ""), request.GET.get("unit", "")
    if status:
        officers = officers.filter(status=status)
    if unit.isdigit():
        officers = officers.filter(unit_id=int(unit))
    if request.GET.get("full_time"):
        officers = officers.filter(full_time=True)
    return render(request, "units/officers.html", {
        "officers": officers, "units": visible_units(request.user), "statuses": Officer.Status.choices,
        "filters": request.GET, "can_edit": can_edit_officers(request.user), "can_import": can_manage_units(request.user)})


@login_required
def officer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    officer = get_object_or_404(visible_officers(request.user), pk=pk)
    return render(request, "units/officer.html", {
        "officer": officer, "changes": officer.changes.select_related("actor"),
        "attendance": officer.attendance.select_related("training"), "can_edit": can_edit_officers(request.user)})


@login_required
def officer_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not can_edit_officers(request.user):
        raise PermissionDenied
    officer = get_object_or_404(visible_officers(request.user), pk=pk) if pk else None
    initial = {f: getattr(officer, f) for f in actions.OFFICER_FIELDS} if officer else {}
    form = OfficerForm(request.POST or None, initial=initial, units=visible_units(request.user))
    if not can_manage_units(request.user):  # a unit head may link only accounts of their own units
        form.fields["user"].queryset = form.fields["user"].queryset.filter(
            Q(unit_membership__unit__in=visible_units(request.user)) | Q(unit_membership__isnull=True), is_superuser=False)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if officer:
                officer = actions.update_officer(request.user, officer, **data)
            else:
                officer = actions.create_officer(request.user, **data)
        except YuqingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The officer's file is saved."))
            return redirect("units:officer", officer.pk)
    return render(request, "units/form.html", {"form": form, "title": _("Edit officer") if officer else _("Add an officer")})


@login_required
def training_list(request: HttpRequest) -> HttpResponse:
    return render(request, "units/trainings.html", {"trainings": Training.objects.select_related("organiser"),
                                                     "can_manage": can_manage_units(request.user)})


@login_required
def training_form(request: HttpRequest) -> HttpResponse:
    if not can_manage_units(request.user):
        raise PermissionDenied
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            training = actions.create_training(request.user, **form.cleaned_data)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            return redirect("units:training", training.pk)
    return render(request, "units/form.html", {"form": form, "title": _("Add a training meeting")})


@login_required
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(Training, pk=pk)
    rows = training.attendance.filter(officer__in=visible_officers(request.user)).select_related("officer__unit")
    return render(request, "units/training.html", {"training": training, "rows": rows, "statuses": Attendance.Status.choices,
                                                    "can_manage": can_manage_units(request.user)})


@login_required
@require_POST
def training_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage_units(request.user):
        raise PermissionDenied
    training = get_object_or_404(Training, pk=pk)
    for row in training.attendance.select_related("officer"):
        status = request.POST.get(f"status-{row.officer_id}")
        if status and status != row.status:
            actions.record_attendance(request.user, training, officer=row.officer, status=status)
    messages.success(request, _("Attendance saved."))
    return redirect("units:training", pk)
