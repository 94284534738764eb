from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuqing.analysis.risk_features import TYPES
from yuqing.documents.labels import RISK_TYPES, SENTIMENTS
from yuqing.documents.search import SearchFilters
from yuqing.sources.models import Source


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=2000)
    since = forms.DateField(required=False)
    until = forms.DateField(required=False)
    source = forms.ModelChoiceField(Source.objects.all(), required=False, empty_label=_("All sources"))

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        tz = timezone.get_current_timezone()
        since = datetime.combine(data["since"], time.min, tz) if data.get("since") else None
        until = datetime.combine(data["until"] + timedelta(days=1), time.min, tz) if data.get("until") else None
        sources = [data["source"].pk] if data.get("source") else []
        return SearchFilters(since=since, until=until, source_ids=sources)


class CorrectionForm(forms.Form):
    """Correct a document's labels; an empty choice leaves that label as it is."""

    sentiment = forms.ChoiceField(label=_("Sentiment"), required=False,
                                  choices=[("", _("(unchanged)")), *SENTIMENTS.items()])
    risk = forms.TypedChoiceField(label=_("Risk"), required=False, coerce=int, empty_value=None, choices=[
        ("", _("(unchanged)")), ("1", _("risk post")), ("0", _("not a risk post"))])
    risk_type = forms.ChoiceField(label=_("Incident type"), required=False,
                                  choices=[("", _("(unchanged)"))] + [(kind, RISK_TYPES.get(kind, kind)) for kind in TYPES])
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
