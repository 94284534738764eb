"""What the analysis stores, in words: a sentiment ("negative") and a 突发事件 type (the model's
Chinese names) are codes, shown in the reader's language. Templates use the filters of
`{% load document_labels %}`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SENTIMENTS = {"negative": _("negative"), "neutral": _("neutral"), "positive": _("positive")}
# The types are stored as the risk model names them (yuqing.analysis.risk_features.TYPES).
RISK_TYPES = {"自然灾害": _("natural disaster"), "事故灾难": _("accident"), "公共卫生": _("public health"),
              "社会安全": _("social security"), "其他": _("other")}


def sentiment_label(value: str) -> str:
    return str(SENTIMENTS.get(value, "")) if value else ""


def risk_type_label(value: str) -> str:
    return str(RISK_TYPES.get(value, value)) if value else ""


def risk_label(value: int | None) -> str:
    return "" if value is None else str(_("risk post") if value else _("not a risk post"))
