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

    def __init__(self, *args, units=(), categories=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        if categories:  # an answer to an information need: the need's categories only
            self.fields["category"].choices = [(v, label) for v, label in Category.choices if v in categories]


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


class NeedForm(forms.Form):
    """An editor publishes an information need: what, for whom, by when."""

    title = forms.CharField(label=_("Topic"), max_length=300)
    wanted = forms.CharField(label=_("What is wanted"), widget=forms.Textarea(attrs={"rows": 6}))
    categories = forms.MultipleChoiceField(label=_("Categories"), choices=Category.choices, required=False,
                                           widget=forms.CheckboxSelectMultiple,
                                           help_text=_("The categories of items the need takes; none ticked: any"))
    source = forms.CharField(label=_("Asked for by (higher level)"), max_length=200, required=False)
    due_at = LocalDateTimeField(label=_("Due"))
    scope = forms.ChoiceField(label=_("Units asked"), widget=forms.RadioSelect, initial="all", choices=[
        ("all", _("All units")), ("subtree", _("A unit and the units below it")), ("list", _("Chosen units"))])
    root = forms.ChoiceField(label=_("Unit (with the units below it)"), required=False)
    units = forms.MultipleChoiceField(label=_("Chosen units"), required=False,
                                      widget=forms.SelectMultiple(attrs={"size": 8}))
    file = forms.FileField(label=_("Attachment (e.g. the higher level's notice)"), required=False)

    def __init__(self, *args, units=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(u.pk, u.name) for u in units]
        self.fields["root"].choices = [("", "—")] + choices
        self.fields["units"].choices = choices


class DeclineForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    reason = forms.CharField(label=_("Nothing to report, because"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
