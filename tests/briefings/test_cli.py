"""`yuqing briefing` as a user runs it, on the demo workspace (separate processes)."""

from __future__ import annotations

import pytest
from docx import Document as WordDocument

from tests.commands.test_cli import yuqing

pytestmark = pytest.mark.slow


def test_daily_briefing_and_incident_report_from_the_demo_workspace(tmp_path):
    home = tmp_path / "ws"
    seeded = yuqing(home, "demo", "--seed-only")
    assert seeded.returncode == 0, seeded.stderr
    assert "closed demo incident #1" in seeded.stderr
    daily = yuqing(home, "briefing", "daily", "-o", str(tmp_path / "daily.docx"))
    assert daily.returncode == 0, daily.stderr
    word = WordDocument(str(tmp_path / "daily.docx"))
    assert word.paragraphs[0].text.startswith("舆情日报") and "documents cited" in daily.stderr
    special = yuqing(home, "briefing", "incident", "1", "-o", str(tmp_path / "special.pdf"))
    assert special.returncode == 0, special.stderr
    assert (tmp_path / "special.pdf").read_bytes().startswith(b"%PDF")
    wrong = yuqing(home, "briefing", "daily", "-o", str(tmp_path / "daily.txt"))
    assert wrong.returncode == 2 and ".docx, .pdf or .html" in wrong.stderr
    missing = yuqing(home, "briefing", "incident", "99", "-o", str(tmp_path / "x.pdf"))
    assert missing.returncode == 2 and "no incident 99" in missing.stderr
