from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yuqing.submissions.models import Category, Level, Stage

LOCAL_MINUTE = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE)

    def __init__(self, **kwargs) -> None:
        super().__init__(input_formats=[LOCAL_MINUTE, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"], **kwargs)


class SubmissionForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(label=_("Body"), required=False, widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=_("Plain text (one paragraph a line) or simple formatting; scripts and styles are removed"))
    event_at = LocalDateTimeField(label=_("Time of the event"), required=False,
                                  help_text=_("Required for sudden incidents: the reporting deadlines count from it"))
    event_place = forms.CharField(label=_("Place of the event"), max_length=200, required=False)

    def __init__(self, *args, units=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]


class FollowUpForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage of the report"), choices=[(Stage.FOLLOWUP, Stage.FOLLOWUP.label), (Stage.FINAL, Stage.FINAL.label)])
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(label=_("Body"), required=False, widget=forms.Textarea(attrs={"rows": 12}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AdoptForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=[(Level.CITY, Level.CITY.label), (Level.UNIT, Level.UNIT.label)])
    note = forms.CharField(label=_("Note"), required=False)


class RecordAdoptionForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    evidence = forms.CharField(label=_("Evidence (issue number)"), max_length=200, required=False)
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")


class InstructionForm(forms.Form):
    text = forms.CharField(label=_("Instruction"), widget=forms.Textarea(attrs={"rows": 3}))


class TaskForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    description = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}))
    due_on = forms.DateField(label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class LinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("document", _("Document")), ("event", _("Event")),
                                                       ("incident", _("Incident"))])
    target = forms.CharField(label=_("Number or id"), max_length=100)


class RequestReportForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    title = forms.CharField(label=_("What happened"), max_length=300)
    event_at = LocalDateTimeField(label=_("Time of the event"))
    event_place = forms.CharField(label=_("Place of the event"), max_length=200, required=False)

    def __init__(self, *args, units=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
