"""The trainers read people's corrections (`yuqing corrections export`) as training posts."""

from __future__ import annotations

import json

import pytest

from yuqing.analysis.evaluation.corrections_data import read_corrections
from yuqing.analysis.evaluation.risk_data import corrected
from yuqing.analysis.sentiment import classify

ROWS = [
    {"id": 1, "title": "", "text": "永城市今天一处仓库起火", "sentiment": "negative", "risk": 1, "type": "事故灾难"},
    {"id": 2, "title": "标题", "text": "今天天气很好", "sentiment": None, "risk": 0, "type": None},
    {"id": 3, "title": "", "text": "只改了情感", "sentiment": "positive", "risk": None, "type": None},
    {"id": 4, "title": "", "text": "类型不明", "sentiment": None, "risk": 1, "type": "火灾"},
]


def test_risk_training_takes_the_corrected_risk_labels_only(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS) + "\n\n", encoding="utf-8")
    posts = corrected(path)
    assert [(p.id, p.text, p.risk, p.type) for p in posts] == [
        ("correction:1", "永城市今天一处仓库起火", 1, "事故灾难"), ("correction:2", "标题 今天天气很好", 0, "none")]
    assert all(p.cascade == p.id for p in posts)  # each its own group: never beside a labelled post's cascade
    # each with its sentiment score as the pipeline's sentiment stage gives it (news head for a title)
    assert [p.sentiment for p in posts] == [classify(["永城市今天一处仓库起火"])[0][1],
                                            classify(["今天天气很好"], "news", titles=["标题"])[0][1]]
    assert corrected(None) == []


def test_a_broken_line_is_named(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": 1}\nnot json\n', encoding="utf-8")
    with pytest.raises(ValueError, match="c.jsonl:2"):
        read_corrections(path)
