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
                           help_text=_("Columns: 代码, 名称, 类型 (市/县区/乡镇街道/市直部门), 上级代码, 负责人, 电话"))


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
