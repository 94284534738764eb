"""Access to ../shared/data from tests: skip with a reason on a user's fresh clone, fail on CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

def _default_root() -> Path:
    beside_checkout = Path(__file__).resolve().parents[2] / "shared" / "data"
    return beside_checkout if beside_checkout.exists() else Path("/work/shared/data")


SHARED_DATA = Path(os.environ.get("YUQING_SHARED_DATA") or _default_root())


def shared_path(relative: str) -> Path:
    """Return ../shared/data/<relative>; skip the test when absent, or fail when CI=true."""
    path = SHARED_DATA / relative
    if path.exists():
        return path
    message = f"shared data {path} is absent (set YUQING_SHARED_DATA to the folder that holds it)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)
