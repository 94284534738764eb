"""Character-level differences between two versions (Chinese has no spaces to split words on)."""

from __future__ import annotations

from difflib import SequenceMatcher

Segment = tuple[str, str]  # ("equal" | "delete" | "insert", text)


def diff_segments(old: str, new: str) -> list[Segment]:
    segments: list[Segment] = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("equal", old[a1:a2]))
            continue
        if op in {"delete", "replace"}:
            segments.append(("delete", old[a1:a2]))
        if op in {"insert", "replace"}:
            segments.append(("insert", new[b1:b2]))
    return segments
