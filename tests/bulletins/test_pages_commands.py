"""Composing an issue on its page, and the `bulletin export` / `ranking` commands."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tests.bulletins.helpers import adopted_item, periodical, published_issue
from yuqing.bulletins import actions
from yuqing.commands import reporting
from yuqing.errors import InputError

pytestmark = pytest.mark.django_db


def test_compose_on_the_issue_page(client, office):
    issue = actions.create_issue(office.editor, periodical=periodical(), year=2026)
    one, two = adopted_item(office, "第一条"), adopted_item(office, "第二条")
    client.force_login(office.editor)
    act = lambda verb, **data: client.post(reverse("bulletins:act", args=[issue.pk, verb]), data)  # noqa: E731
    act("add", submission=one.pk)
    act("add", submission=two.pk)
    act("update", editor_note="编者按文字", distribution="发：各县区")
    second = issue.entries.get(submission=two)
    act("up", entry=second.pk)
    act("edit", entry=second.pk, title="第二条（编辑）", body="压缩稿", source_label="甲县")
    assert [e.title for e in issue.entries.all()] == ["第二条（编辑）", "第一条"]
    assert act("sign_off").status_code == 403 and issue.entries.count() == 2
    issue.refresh_from_db()
    assert issue.state == "draft"  # an editor may not sign off (the role matrix): nothing changes
    client.force_login(office.chief)
    client.post(reverse("bulletins:act", args=[issue.pk, "sign_off"]))
    issue.refresh_from_db()
    assert (issue.state, issue.number, issue.editor_note) == ("published", 1, "编者按文字")
    client.force_login(office.leader)
    entry = issue.entries.first()
    client.post(reverse("bulletins:act", args=[issue.pk, "instruct"]), {"entry": entry.pk, "text": "请推广。"})
    assert entry.submission.instructions.get().via_issue == issue


def _args(**values) -> argparse.Namespace:
    return argparse.Namespace(home=None, **values)


def test_export_and_ranking_functions(office, tmp_path):
    issue = published_issue(office)
    assert reporting.find_issue(None, True, None) == issue
    assert reporting.find_issue("2026-1", False, None) == issue and reporting.find_issue(str(issue.pk), False, None) == issue
    for bad in ("2026-9", "x", None):
        with pytest.raises(InputError):
            reporting.find_issue(bad, False, None)
    out = tmp_path / "issue.docx"
    reporting.export_bulletin(_args(issue=None, latest=True, periodical=None, output=str(out)))
    assert Document(str(out)).paragraphs[1].text == "2026年第1期"
    with pytest.raises(InputError, match="docx"):
        reporting.export_bulletin(_args(issue=None, latest=True, periodical=None, output=str(tmp_path / "x.txt")))
    sheet = tmp_path / "rank.xlsx"
    reporting.ranking(_args(period="2026", by="volume", assessment=False, output=str(sheet)))
    assert load_workbook(sheet)["单位排名"]["A1"].value == "2026年信息报送情况通报（单位）"
    reporting.ranking(_args(period="2026-11", by="points", assessment=True, output=str(tmp_path / "a.xlsx")))
    assert load_workbook(tmp_path / "a.xlsx")["个人考核"]["A1"].value == "2026年度信息工作考核表（个人）"


@pytest.mark.slow
def test_commands_as_a_user_runs_them(tmp_path):
    home = tmp_path / "ws"
    env = {**os.environ, "YUQING_HOME": str(home)}
    env.pop("YUQING_DATABASE_URL", None)

    def yuqing(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "yuqing.cli", *args], env=env, capture_output=True, text=True, timeout=600)

    seeded = yuqing("demo", "--seed-only")
    assert seeded.returncode == 0, seeded.stderr
    assert "officer1 / demo-officer-2026" in seeded.stderr and "第1期 published" in seeded.stderr
    pdf = tmp_path / "latest.pdf"
    exported = yuqing("bulletin", "export", "--latest", "-o", str(pdf))
    assert exported.returncode == 0 and pdf.read_bytes()[:5] == b"%PDF-" and "第1期" in exported.stdout
    ranking = yuqing("ranking", "--period", "2026-11")
    assert ranking.returncode == 0 and "西山县委宣传部" in ranking.stdout
    missing = yuqing("bulletin", "export", "2026-99", "-o", str(tmp_path / "x.docx"))
    assert missing.returncode == 2 and "2026-99" in missing.stderr
    forwarded = tmp_path / "报送单.docx"
    batch = yuqing("forward", "export", "--latest", "-o", str(forwarded))
    assert batch.returncode == 0, batch.stderr
    assert Document(str(forwarded)).paragraphs[0].text == "信息报送单" and "releases: one published release" in seeded.stderr
