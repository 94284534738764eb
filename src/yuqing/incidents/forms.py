from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuqing.accounts.people import PersonChoiceField
from yuqing.incidents.models import Entry, Member, Severity

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class IncidentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices, initial=Severity.MEDIUM)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    event_keys = forms.CharField(label=_("Events (keys, one per line)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    place = forms.CharField(label=_("Place (name or code)"), required=False, max_length=50)


class EditForm(forms.Form):
    """Rename, re-grade or re-describe an open incident: severity often changes as it develops."""

    title = forms.CharField(label=_("Title"), max_length=300)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MemberForm(forms.Form):
    user = PersonChoiceField(label=_("Person"))
    role = forms.ChoiceField(label=_("Role"), choices=Member.Role.choices, initial=Member.Role.MEMBER)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    owner = PersonChoiceField(label=pgettext_lazy("a task", "Owner"), required=False)
    due_at = forms.DateTimeField(label=_("Due"), required=False, widget=DATETIME)


class EntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Entry.Kind.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}))
    at = forms.DateTimeField(label=_("Time"), required=False, widget=DATETIME, help_text=_("empty: now"))


class StatementForm(forms.Form):
    text = forms.CharField(label=_("Statement"), widget=forms.Textarea(attrs={"rows": 3}))
    channel = forms.CharField(label=_("Channel"), max_length=200, help_text=_("e.g. the office's official Weibo account, a press conference"))
    issuer = forms.CharField(label=_("Issued by"), max_length=200, help_text=_("the office or spokesperson it is attributed to"))
    published_at = forms.DateTimeField(label=_("Published at"), required=False, widget=DATETIME, help_text=_("empty: now"))


class CloseForm(forms.Form):
    lessons = forms.CharField(label=_("Lessons learned"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
