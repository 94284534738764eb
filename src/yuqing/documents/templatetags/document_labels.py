"""`{{ doc.sentiment|sentiment_label }}`, `{{ doc.risk|risk_label }}`, `{{ doc.risk_type|risk_type_label }}`
(yuqing.documents.labels)."""

from django import template

from yuqing.documents import labels

register = template.Library()
register.filter("sentiment_label", labels.sentiment_label)
register.filter("risk_type_label", labels.risk_type_label)
register.filter("risk_label", labels.risk_label)
