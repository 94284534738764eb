"""scripts/places_diff.py: which mentions one dump has and the other lacks, with their context."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "places_diff.py"


def load_script():
    spec = importlib.util.spec_from_file_location("places_diff", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_changes_count_removed_and_added_mentions_with_their_context():
    places_diff = load_script()
    sources = {"news:a": ("永城火灾", "画家王成华在成华区办展"), "news:b": ("", "松山湖边")}
    old = {"news:a": [["永城", "title", 0], ["成华", "text", 3], ["成华区", "text", 6]], "news:b": [["松山", "text", 0]]}
    new = {"news:a": [["永城", "title", 0], ["成华区", "text", 6]], "news:b": []}
    (removed, where), (added, _) = places_diff.changes(["news:a", "news:b"], old, new, sources)
    assert removed == {"成华": 1, "松山": 1} and not added
    assert where["成华"] == "画家王成华在成华区办展" and where["松山"] == "松山湖边"
    (removed, _), (added, _) = places_diff.changes(["news:a"], new, old, sources)
    assert added == {"成华": 1} and not removed
