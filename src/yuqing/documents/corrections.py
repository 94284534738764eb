"""Corrections that teach: a person with the right role corrects a document's sentiment, risk or
突发事件 type; the correction is stored with who and when (the action `document.correct`, audited),
wins over the pipeline's labels from then on (also when the document is analysed again), is shown
on the document page, and is exported as training data (`yuqing corrections export`), which
scripts/train_sentiment.py and scripts/train_risk.py take with --corrections.

Who may correct: administrators, analysts and duty officers (CORRECTORS).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import IO, Any, Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.accounts.people import person_name
from yuqing.accounts.roles import has_role
from yuqing.actions import action
from yuqing.analysis.risk_features import TYPES
from yuqing.documents.models import Document, LabelCorrection
from yuqing.errors import InputError

CORRECTORS = ("admin", "analyst", "duty_officer")
SENTIMENTS = ("negative", "neutral", "positive")
Labels = dict[str, Any]  # {"sentiment": str, "risk": 0/1, "type": str}, only the corrected ones


def can_correct(user) -> bool:
    return has_role(user, *CORRECTORS)


@action("document.correct")
def correct_document(actor, document: Document, *, sentiment: str = "", risk: int | None = None,
                     risk_type: str = "", note: str = "", now: datetime | None = None) -> LabelCorrection:
    """Record a correction and apply it to the document (its effective labels)."""
    if not can_correct(actor):
        raise InputError(_("Only administrators, analysts and duty officers may correct labels."))
    sentiment, risk, risk_type = _checked(sentiment, risk, risk_type)
    if risk == 1 and not risk_type:  # "a risk post" keeps the type it had, and must have one
        risk_type = document.risk_type
        if not risk_type:
            raise InputError(_("Choose the incident type of a risk post."))
    was = {"sentiment": document.sentiment, "risk": document.risk, "type": document.risk_type}
    correction = LabelCorrection.objects.create(document=document, by=actor, at=now or timezone.now(), sentiment=sentiment,
                                                risk=risk, risk_type=risk_type, note=note.strip(), was=was)
    apply_labels(document, labels_of(correction))
    document.save(update_fields=["sentiment", "risk", "risk_type", "risk_why"])
    return correction


def _checked(sentiment: str, risk: int | None, risk_type: str) -> tuple[str, int | None, str]:
    if sentiment and sentiment not in SENTIMENTS:
        raise InputError(_("Unknown sentiment: %(value)s") % {"value": sentiment})
    if risk_type and risk_type not in TYPES:
        raise InputError(_("Unknown incident type: %(value)s") % {"value": risk_type})
    if risk not in (None, 0, 1):
        raise InputError(_("Risk is 1 (a risk post) or 0 (not)."))
    if risk_type and risk == 0:
        raise InputError(_("A post that is not a risk post has no incident type."))
    if risk_type:
        risk = 1  # a type given is a risk post
    if not sentiment and risk is None:
        raise InputError(_("Nothing to correct: choose a sentiment, risk or incident type."))
    return sentiment, risk, risk_type


def labels_of(correction: LabelCorrection) -> Labels:
    labels: Labels = {}
    if correction.sentiment:
        labels["sentiment"] = correction.sentiment
    if correction.risk is not None:
        labels["risk"] = correction.risk
        labels["type"] = correction.risk_type if correction.risk else ""
    return labels


def effective(doc_ids: Iterable[int]) -> dict[int, Labels]:
    """document pk → its corrected labels, the latest correction of each label winning."""
    found: dict[int, Labels] = {}
    for correction in LabelCorrection.objects.filter(document_id__in=list(doc_ids)).order_by("at", "id"):
        found.setdefault(correction.document_id, {}).update(labels_of(correction))
    return found


def apply_labels(document: Document, labels: Labels) -> None:
    """Put corrected labels on a document (a corrected non-risk post has no type and no terms)."""
    if "sentiment" in labels:
        document.sentiment = labels["sentiment"]
    if "risk" in labels:
        document.risk = labels["risk"]
        if not labels["risk"]:
            document.risk_type, document.risk_why = "", []
    if labels.get("type"):
        document.risk_type = labels["type"]


def overlay(post: dict[str, Any], labels: Labels) -> None:
    """Put corrected labels on a pipeline result (documents.analysis_store), so analysing again keeps them."""
    if "sentiment" in labels:
        post["sentiment"] = {**(post.get("sentiment") or {}), "label": labels["sentiment"]}
    if "risk" in labels or "type" in labels:
        risk = dict(post.get("risk") or {})
        risk["label"] = labels.get("risk", risk.get("label"))
        if not risk["label"]:
            risk["type"], risk["why"] = None, []
        elif labels.get("type"):
            risk["type"] = labels["type"]
        post["risk"] = risk


def export(out: IO[str]) -> int:
    """Write every corrected document as a JSON line (evaluation/corrections_data describes it); returns how many."""
    ids = LabelCorrection.objects.values_list("document_id", flat=True).distinct()
    latest = effective(ids)
    last = {c.document_id: c for c in LabelCorrection.objects.select_related("by").order_by("at", "id")}
    count = 0
    for doc in Document.objects.filter(pk__in=list(latest)).order_by("pk"):
        labels, correction = latest[doc.pk], last[doc.pk]
        row = {"id": doc.pk, "title": doc.title, "text": doc.text, "sentiment": labels.get("sentiment"),
               "risk": labels.get("risk"), "type": labels.get("type") or None,
               "by": person_name(correction.by) or None, "at": correction.at.isoformat()}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count
