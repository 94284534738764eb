from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yuqing.sources.models import Source
from yuqing.sources.rsshub import PRESETS, feed_url, preset_route


class SourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Source.Kind.choices)
    url = forms.CharField(label=_("URL or file path"), max_length=2000,
                          help_text=_("Feed or page address (http/https); for a file source, the name of a JSONL/CSV file in an import folder"))
    schedule_minutes = forms.IntegerField(label=_("Collect every (minutes)"), min_value=1, initial=30)
    rsshub_base = forms.URLField(label=_("RSSHub instance"), required=False,
                                 help_text=_("For an RSSHub source: the instance's address, e.g. http://rsshub.internal:1200"))
    rsshub_preset = forms.ChoiceField(label=_("RSSHub route preset"), required=False)
    rsshub_param = forms.CharField(label=_("Preset value"), required=False, max_length=300,
                                   help_text=_("The user id, keyword, topic or forum the preset asks for"))

    def __init__(self, *args, kinds: list[str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if kinds is not None:  # only the kinds this user may add
            self.fields["kind"].choices = [(k, label) for k, label in Source.Kind.choices if k in kinds]
        self.fields["url"].required = False
        self.fields["rsshub_preset"].choices = [("", _("(none: give the full address above)"))] + [
            (key, preset.label) for key, preset in PRESETS.items()]

    def clean(self) -> dict:
        data = super().clean()
        base, preset = data.get("rsshub_base") or "", data.get("rsshub_preset") or ""
        if data.get("kind") == Source.Kind.RSSHUB and base and preset:
            data["url"] = feed_url(base, preset_route(preset, data.get("rsshub_param") or ""))
        if not data.get("url"):
            self.add_error("url", _("Give the address (or, for RSSHub, the instance and a preset)"))
        return data

    def action_arguments(self) -> dict:
        """What create_source takes from this form."""
        data = dict(self.cleaned_data)
        base, preset = data.pop("rsshub_base", ""), data.pop("rsshub_preset", "")
        data.pop("rsshub_param", None)
        if data["kind"] == Source.Kind.RSSHUB:
            data["options"] = {"base": base, "preset": preset}
        return data
