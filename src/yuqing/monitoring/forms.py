from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yuqing.accounts.people import PeopleChoiceField, PersonChoiceField
from yuqing.monitoring.models import AlertRule, Scheme
from yuqing.monitoring.schemes import RuleSpec, SchemeSpec
from yuqing.notifications.models import Severity

# Per kind: the parameters its fieldset shows, besides severity and delivery.
KIND_PARAMS = {
    AlertRule.Kind.EVERY: [],
    AlertRule.Kind.NEGATIVE: [],
    AlertRule.Kind.RISK: [],
    AlertRule.Kind.SPIKE: ["sensitivity", "min_count", "bucket_minutes", "cooldown_minutes", "warmup_buckets"],
    AlertRule.Kind.SPREAD: ["min_sites"],
    AlertRule.Kind.EVENT_PLACE: ["places", "min_posts"],
}
BOX = forms.Textarea(attrs={"rows": 2})


def _param_field(name: str) -> forms.Field:
    model_field = AlertRule._meta.get_field(name)
    if name == "sensitivity":
        return forms.FloatField(label=model_field.verbose_name, min_value=0.5, initial=model_field.default)
    if name == "places":
        return forms.CharField(label=model_field.verbose_name, required=False,
                               help_text=_("Place names or division codes; empty: the scheme's place words"))
    return forms.IntegerField(label=model_field.verbose_name, min_value=1, initial=model_field.default)


class SchemeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    group = forms.CharField(label=_("Group"), max_length=100, required=False)
    mode = forms.ChoiceField(label=_("Mode"), choices=Scheme.Mode.choices, widget=forms.RadioSelect, initial=Scheme.Mode.SIMPLE)
    place_words = forms.CharField(label=_("Place words (any of)"), required=False, widget=BOX,
                                  help_text=_("e.g. 永城 商丘; separate words with spaces, commas or new lines"))
    subject_words = forms.CharField(label=_("Subject words (any of)"), required=False, widget=BOX,
                                    help_text=_("e.g. fire explosion blaze"))
    exclude_words = forms.CharField(label=_("Excluded words (none of)"), required=False, widget=BOX,
                                    help_text=_("e.g. drill advertisement"))
    expression = forms.CharField(label=_("Rule"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text=_("The full rule language, e.g. Yongcheng AND (fire OR explosion) NOT drill"))
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    escalate_minutes = forms.IntegerField(label=_("Escalate when not acknowledged within (minutes, 0: never)"),
                                          min_value=0, initial=15)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in AlertRule.Kind.choices:
            self.fields[f"{kind}_on"] = forms.BooleanField(label=label, required=False, initial=kind == AlertRule.Kind.EVERY)
            self.fields[f"{kind}_severity"] = forms.ChoiceField(label=_("Severity"), choices=Severity.choices,
                                                                initial=Severity.MEDIUM)
            self.fields[f"{kind}_digest"] = forms.ChoiceField(label=_("Delivery"), choices=AlertRule.Digest.choices,
                                                              required=False)
            for param in KIND_PARAMS[kind]:
                self.fields[f"{kind}_{param}"] = _param_field(param)

    def rule_groups(self) -> list[dict]:
        """For the template: per kind, its switch and its settings."""
        return [{"kind": kind, "switch": self[f"{kind}_on"],
                 "fields": [self[f"{kind}_severity"], self[f"{kind}_digest"]] + [self[f"{kind}_{p}"] for p in KIND_PARAMS[kind]]}
                for kind in AlertRule.Kind.values]

    def spec(self) -> SchemeSpec:
        data = self.cleaned_data
        return SchemeSpec(name=data["name"], mode=data["mode"], place_words=data["place_words"],
                          subject_words=data["subject_words"], exclude_words=data["exclude_words"],
                          expression=data["expression"], group=data["group"], active=data["active"],
                          rules=[self._rule(kind) for kind in AlertRule.Kind.values if data.get(f"{kind}_on")])

    def _rule(self, kind: str) -> RuleSpec:
        data = self.cleaned_data
        values = {p: data[f"{kind}_{p}"] for p in KIND_PARAMS[kind]}
        return RuleSpec(kind=kind, severity=data[f"{kind}_severity"], digest=data.get(f"{kind}_digest") or "",
                        escalate_minutes=data["escalate_minutes"], **values)

    @classmethod
    def initial_for(cls, scheme: Scheme) -> dict:
        initial = {"name": scheme.name, "group": scheme.group.name if scheme.group else "", "mode": scheme.mode,
                   "place_words": scheme.place_words, "subject_words": scheme.subject_words,
                   "exclude_words": scheme.exclude_words, "expression": scheme.expression, "active": scheme.active}
        rules = list(scheme.rules.all())
        for kind in AlertRule.Kind.values:
            initial[f"{kind}_on"] = False
        for rule in rules:
            initial.update({f"{rule.kind}_on": True, f"{rule.kind}_severity": rule.severity, f"{rule.kind}_digest": rule.digest})
            initial.update({f"{rule.kind}_{p}": getattr(rule, p) for p in KIND_PARAMS[rule.kind]})
            initial["escalate_minutes"] = rule.escalate_minutes
        return initial


class ShiftForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    officer = PersonChoiceField(label=_("Officer"))
    backup = PersonChoiceField(label=_("Backup"), required=False)
    leader = PersonChoiceField(label=_("Leader on duty"), required=False)


class RotationForm(forms.Form):
    officers = PeopleChoiceField(label=_("Officers, taking turns"))
    first_day = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=62, initial=7)
    start_hour = forms.IntegerField(label=_("Shifts start at (hour)"), min_value=0, max_value=23, initial=8)
    hours = forms.TypedChoiceField(label=_("Shift length"), coerce=int, initial=24,
                                   choices=[(24, _("24 hours")), (12, _("12 hours")), (8, _("8 hours"))])
    backup = PersonChoiceField(label=_("Backup"), required=False)
    leader = PersonChoiceField(label=_("Leader on duty"), required=False)


class HandoverForm(forms.Form):
    text = forms.CharField(label=_("Hand-over note"), widget=forms.Textarea(attrs={"rows": 3}))
