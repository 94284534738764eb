"""The extraction metric, and extraction quality on the real benchmark pages."""

from __future__ import annotations

import pytest

from tests.shared_data import shared_path
from yuqing.collect.evaluation import evaluate_extraction, score, shingle_counts


def test_identical_text_scores_one() -> None:
    text = "the quick brown fox jumps over the lazy dog"
    assert shingle_counts(text, text) == (1.0, 0.0, 0.0)
    assert score([(text, text)]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "accuracy": 1.0}


def test_missing_and_extra_text_lower_recall_and_precision() -> None:
    gold = "one two three four five six seven eight"
    assert score([(gold, "one two three four five")])["recall"] < 1.0
    assert score([(gold, gold + " nine ten eleven twelve")])["precision"] < 1.0
    assert score([(gold, "")])["recall"] == 0.0


@pytest.mark.slow
def test_quality_on_the_real_pages() -> None:
    result = evaluate_extraction(shared_path("html"))
    print(result)
    assert result["en"]["pages"] == 181 and result["en"]["f1"] > 0.93  # 0.960 measured
    assert result["zh"]["pages"] == 62 and result["zh"]["title_and_over_200_chars"] >= 58  # 60 measured
