"""Corrections people made in yuqing, as training data (`yuqing corrections export` writes them).

One JSON object a line: {"id", "title", "text", "sentiment", "risk", "type", "by", "at"} ("by": the
corrector's display name, as pages show people), where
sentiment (negative/neutral/positive), risk (0/1) and type (a 突发事件 type, or null) are the
corrected labels, null when that label was not corrected. scripts/train_sentiment.py and
scripts/train_risk.py take such a file with --corrections.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_corrections(path: Path) -> list[dict[str, Any]]:
    """The rows of a corrections file; blank lines skipped, a broken line is an error that names it."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not JSON ({error})") from None
    return out
