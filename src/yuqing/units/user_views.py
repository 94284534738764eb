"""The user pages: the office's accounts, with their names, roles, units and officer files, kept
here rather than in Django's admin site (administrators: matrix permission "user.manage"). Every
write is an action of yuqing.units.accounts; the officer roster imports like the units do."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuqing.accounts.models import AuditEntry
from yuqing.accounts.passwords import generate
from yuqing.accounts.people import person_name
from yuqing.accounts.roles import ROLES
from yuqing.errors import YuqingError
from yuqing.units import accounts
from yuqing.units.forms import AccountForm, DeactivateForm, NewAccountForm, PasswordResetForm, RosterImportForm
from yuqing.units.models import Officer, Unit
from yuqing.units.roster import import_roster
from yuqing.units.views import import_page


def _people():
    return get_user_model().objects.select_related("unit_membership__unit", "officer").prefetch_related("groups")


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    people, chosen = _people(), request.GET
    if chosen.get("role") in ROLES:
        people = people.filter(groups__name=chosen["role"])
    if chosen.get("unit", "").isdigit():
        people = people.filter(unit_membership__unit_id=int(chosen["unit"]))
    if chosen.get("active") in ("1", "0"):
        people = people.filter(is_active=chosen["active"] == "1")
    if chosen.get("q"):
        people = people.filter(Q(username__icontains=chosen["q"]) | Q(first_name__icontains=chosen["q"]))
    return render(request, "units/users.html", {
        "people": people.order_by("-is_active", "first_name", "username").distinct(), "roles": ROLES.items(),
        "units": Unit.objects.all(), "filters": chosen})


@login_required
def user_add(request: HttpRequest) -> HttpResponse:
    form = NewAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        made = not data["password"]
        data["password"] = data["password"] or generate()
        try:
            user = accounts.create_account(request.user, **data)
        except YuqingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The account of %(name)s is created.") % {"name": person_name(user)})
            return _detail(request, user, new_password=data["password"] if made else "")
    return render(request, "units/user_form.html", {"form": form, "title": _("Add a user"),
                                                    "policy": password_validators_help_text_html()})


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_object_or_404(_people(), pk=pk))


def _detail(request: HttpRequest, person, new_password: str = "") -> HttpResponse:
    """The account's page; right after a password was made, it shows that password once (never stored)."""
    history = AuditEntry.objects.filter(target_type=person._meta.label_lower, target_id=str(person.pk))
    return render(request, "units/user.html", {
        "person": person, "roles": [ROLES[g.name] for g in person.groups.all() if g.name in ROLES],
        "officer": Officer.objects.filter(user=person).select_related("unit").first(),
        "history": history.select_related("actor")[:20], "new_password": new_password,
        "password_form": PasswordResetForm(), "deactivate_form": DeactivateForm(),
        "policy": password_validators_help_text_html()})


@login_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(_people(), pk=pk)
    membership = getattr(person, "unit_membership", None)
    initial = {"name": person.get_full_name(), "email": person.email, "roles": [g.name for g in person.groups.all()],
               "unit": membership.unit if membership else None}
    form = AccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.update_account(request.user, person, **form.cleaned_data)
        except YuqingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("units:user", person.pk)
    return render(request, "units/user_form.html", {
        "form": form, "title": _("Edit the account of %(name)s") % {"name": person_name(person)}})


@login_required
@require_POST
def user_password(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(_people(), pk=pk)
    form = PasswordResetForm(request.POST)
    typed = (form.cleaned_data["password"] if form.is_valid() else "") or ""
    password = typed or generate()
    try:
        accounts.reset_password(request.user, person, password=password)
    except YuqingError as error:
        messages.error(request, str(error))
        return redirect("units:user", person.pk)
    messages.success(request, _("The password is reset."))
    return _detail(request, person, new_password="" if typed else password)


@login_required
@require_POST
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(_people(), pk=pk)
    form = DeactivateForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(request, person, lambda: accounts.deactivate_account(request.user, person, reason=reason),
                _("%(name)s can no longer log in."))


@login_required
@require_POST
def user_activate(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(_people(), pk=pk)
    return _act(request, person, lambda: accounts.activate_account(request.user, person), _("%(name)s can log in again."))


def _act(request: HttpRequest, person, run, done: str) -> HttpResponse:
    try:
        run()
    except YuqingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"name": person_name(person)})
    return redirect("units:user", person.pk)


@login_required
def roster_import(request: HttpRequest) -> HttpResponse:
    return import_page(request, RosterImportForm, import_roster, "units/roster_import.html")
