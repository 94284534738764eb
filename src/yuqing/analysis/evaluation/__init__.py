"""Quality figures on the shared data (`yuqing eval`); each module also runs alone with the data folder as its argument."""

from __future__ import annotations

import sys
from pathlib import Path


def data_root() -> Path:
    """The data folder a module run alone reads: its first argument, else ../shared/data beside the repository."""
    return Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[5] / "shared" / "data"
