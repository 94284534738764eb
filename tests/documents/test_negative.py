"""What the office counts as negative: one setting, the same answer for a queryset, a document and a search."""

from __future__ import annotations

import pytest

from tests.documents.factories import store_texts
from yuqing.config import load
from yuqing.documents.models import Document
from yuqing.documents.negative import is_negative, negative_filter, negative_query
from yuqing.documents.search import count
from yuqing.errors import ConfigError


def test_the_setting_defaults_to_emotion_or_risk_and_refuses_what_it_does_not_know():
    assert load({}).negative_means == "sentiment_or_risk"
    assert load({"YUQING_NEGATIVE_MEANS": " Risk "}).negative_means == "risk"
    with pytest.raises(ConfigError, match="sentiment_or_risk"):
        load({"YUQING_NEGATIVE_MEANS": "angry"})


@pytest.mark.django_db
@pytest.mark.parametrize("means", ["sentiment_or_risk", "sentiment", "risk"])
def test_filter_document_and_search_agree(means):
    store_texts(["甲", "乙", "丙", "丁", "戊"])
    labels = [("negative", 0), ("neutral", 1), ("negative", 1), ("positive", 0), ("", None)]
    docs = list(Document.objects.order_by("external_id"))
    for doc, (sentiment, risk) in zip(docs, labels):
        doc.sentiment, doc.risk = sentiment, risk
    Document.objects.bulk_update(docs, ["sentiment", "risk"])
    expected = {"sentiment_or_risk": {0, 1, 2}, "sentiment": {0, 2}, "risk": {1, 2}}[means]
    assert {i for i, doc in enumerate(docs) if is_negative(doc, means)} == expected
    assert set(Document.objects.filter(negative_filter(means)).values_list("pk", flat=True)) == {docs[i].pk for i in expected}
    assert count(negative_query(means)) == len(expected)
