from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReleaseForm(forms.Form):
    statement = forms.ChoiceField(label=_("From a statement recorded on an incident"), required=False)
    title = forms.CharField(label=_("Public title"), max_length=300,
                            help_text=_("What the public reads as the subject: no internal names or notes"))
    issuer = forms.CharField(label=_("Issued by"), max_length=200,
                             help_text=_("The office or spokesperson the release is attributed to"))
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args, statements=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["statement"].choices = [("", "—")] + [
            (s.pk, f"{s.incident.title} · {timezone.localtime(s.published_at):%m-%d %H:%M} · {s.text[:40]}")
            for s in statements]


class CorrectionForm(forms.Form):
    text = forms.CharField(label=_("Corrected text"), widget=forms.Textarea(attrs={"rows": 8}))
    reason = forms.CharField(label=_("Reason for the correction (shown publicly)"), widget=forms.Textarea(attrs={"rows": 2}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the withdrawal (shown publicly)"), widget=forms.Textarea(attrs={"rows": 2}))
