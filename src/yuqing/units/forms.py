from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from yuqing.units.models import Attendance, Officer, Unit


class UnitForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Unit.Kind.choices)
    parent = forms.ModelChoiceField(label=_("Parent unit"), queryset=Unit.objects.all(), required=False)
    head = forms.CharField(label=_("Head"), max_length=100, required=False)
    head_phone = forms.CharField(label=_("Head's phone"), max_length=50, required=False)
    position = forms.IntegerField(label=_("Order"), min_value=0, initial=0, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (.xlsx or .csv)"),
                           help_text=_("Columns: code, name, kind (city, county, township or department), parent (its code), head, "
                                       "phone; the Chinese headers work too"))


class OfficerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    user = forms.ModelChoiceField(label=_("Login account"), queryset=get_user_model().objects.order_by("username"),
                                  required=False)
    post = forms.CharField(label=_("Post"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    appointed_on = forms.DateField(label=_("Appointed on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("Status"), choices=Officer.Status.choices, initial=Officer.Status.ACTIVE)
    full_time = forms.BooleanField(label=_("Full-time officer"), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.all()


class TrainingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    topic = forms.CharField(label=_("Topic"), max_length=200)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=Unit.objects.all(), required=False)
    materials = forms.CharField(label=_("Materials"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("Titles or links of the handouts, one a line"))
    invited = forms.ModelMultipleChoiceField(label=_("Invited officers"), required=False,
                                             queryset=Officer.objects.filter(status=Officer.Status.ACTIVE),
                                             widget=forms.SelectMultiple(attrs={"size": 10}))


class AttendanceForm(forms.Form):
    officer = forms.ModelChoiceField(queryset=Officer.objects.all(), widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Attendance"), choices=Attendance.Status.choices)


class RosterImportForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (.xlsx or .csv)"),
                           help_text=_("Columns: name, unit (its code or name), post, phone, email, appointed_on, full_time "
                                       "(yes/no), status (active, suspended or left), notes, login (an existing account "
                                       "to link); the Chinese headers work too"))


def _role_choices() -> list[tuple[str, object]]:
    from yuqing.accounts.roles import ROLES

    return list(ROLES.items())


class AccountForm(forms.Form):
    """A person's account: name, e-mail, roles and unit (creating one also asks for the login name)."""

    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("As it appears on every page and document"))
    email = forms.EmailField(label=_("E-mail"), required=False)
    roles = forms.MultipleChoiceField(label=_("Roles"), choices=_role_choices, required=False,
                                      widget=forms.CheckboxSelectMultiple)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.filter(active=True), required=False)


class NewAccountForm(AccountForm):
    username = forms.CharField(label=_("Login name"), max_length=150,
                               help_text=_("Letters, digits and @ . + - _ only; the person logs in with it"))
    officer_file = forms.BooleanField(label=_("Keep an information officer's file for this person"), required=False)
    post = forms.CharField(label=_("Post"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    password = forms.CharField(label=_("Password"), required=False, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("Leave empty to have one made; it is shown once, to hand over."))

    field_order = ["username", "name", "email", "roles", "unit", "officer_file", "post", "phone", "password"]


class PasswordResetForm(forms.Form):
    password = forms.CharField(label=_("New password"), required=False, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("Leave empty to have one made; it is shown once, to hand over."))


class DeactivateForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False,
                             help_text=_("For the audit trail, e.g. left the post on 2026-11-30"))
