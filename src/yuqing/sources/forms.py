from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yuqing.sources.models import Source


class SourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Source.Kind.choices)
    url = forms.CharField(label=_("URL or file path"), max_length=2000,
                          help_text=_("Feed or page address (http/https); for a file source, the name of a JSONL/CSV file in an import folder"))
    schedule_minutes = forms.IntegerField(label=_("Collect every (minutes)"), min_value=1, initial=30)

    def __init__(self, *args, kinds: list[str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if kinds is not None:  # only the kinds this user may add
            self.fields["kind"].choices = [(k, label) for k, label in Source.Kind.choices if k in kinds]
