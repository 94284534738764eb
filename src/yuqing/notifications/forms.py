from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yuqing.notifications.actions import ChannelSpec
from yuqing.notifications.models import Channel, Severity


# The kinds of message a channel may be limited to (the `kind` of notify()), in words.
MESSAGE_KINDS = {"alert": _("Alerts"), "digest": _("Alert digests"), "briefing": _("Briefings")}


class ChannelForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Channel.Kind.choices)
    target = forms.CharField(label=_("Address"), max_length=1000, required=False,
                             help_text=_("E-mail: an address (empty: the one on your account). Robots and webhooks: "
                                         "the URL the platform gave you."))
    secret = forms.CharField(label=_("Signing secret"), max_length=500, required=False,
                             widget=forms.PasswordInput(render_value=False),
                             help_text=_("DingTalk and Feishu: the robot's signing secret (its security setting); "
                                         "webhook: the shared HMAC key. Leave empty to keep the stored one."))
    min_severity = forms.ChoiceField(label=_("Lowest severity sent"), choices=Severity.choices, initial=Severity.INFO)
    kinds = forms.MultipleChoiceField(label=_("Only these kinds"), required=False, widget=forms.CheckboxSelectMultiple,
                                      help_text=_("None ticked: every kind of message."))
    enabled = forms.BooleanField(label=_("Enabled"), required=False, initial=True)
    office_wide = forms.BooleanField(label=_("Office-wide (every alert, not only mine)"), required=False)
    unit = forms.ModelChoiceField(label=_("Channel of a unit (its members' notifications)"), queryset=None, required=False)

    def __init__(self, *args, may_office_wide: bool = False, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        stored = [kind for kind in (self.initial.get("kinds") or []) if kind not in MESSAGE_KINDS]
        self.fields["kinds"].choices = [*MESSAGE_KINDS.items(), *((kind, kind) for kind in stored)]  # set by the API
        if not may_office_wide:
            del self.fields["office_wide"]
        if units is None or not units.exists():
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units

    def spec(self) -> ChannelSpec:
        data = self.cleaned_data
        return ChannelSpec(name=data["name"], kind=data["kind"], target=data["target"], secret=data["secret"],
                           min_severity=data["min_severity"], kinds=",".join(data["kinds"]), enabled=data["enabled"])

    @classmethod
    def initial_for(cls, channel: Channel) -> dict:
        return {"name": channel.name, "kind": channel.kind, "target": channel.target,
                "min_severity": channel.min_severity, "kinds": channel.kind_list(), "enabled": channel.enabled}
