"""The Chinese interface is complete: every string of the templates and code is translated."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "src/yuqing/locale/zh_Hans/LC_MESSAGES/django.po"


def test_every_catalogue_entry_is_translated():
    po = polib.pofile(str(PO))
    missing = [e.msgid for e in po if not e.obsolete and (not (e.msgstr or any(e.msgstr_plural.values())) or "fuzzy" in e.flags)]
    assert missing == []


def test_compiled_catalogue_matches_the_po():
    po = {e.msgid: (e.msgstr or e.msgstr_plural.get(0, "")) for e in polib.pofile(str(PO)) if not e.obsolete}
    mo = {e.msgid: (e.msgstr or e.msgstr_plural.get(0, "")) for e in polib.mofile(str(PO.with_suffix(".mo")))}
    assert {k: v for k, v in po.items() if k} == {k: v for k, v in mo.items() if k}, "run scripts/i18n.py compile"


def test_no_string_in_the_code_is_missing_from_the_catalogue(tmp_path):
    if not shutil.which("xgettext"):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("GNU gettext (xgettext) is needed to check the catalogue")
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path / "yuqing"
    shutil.copytree(ROOT / "src/yuqing", copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "yuqing.web.settings"}
    subprocess.run([sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "--no-obsolete",
                    "--ignore", "analysis/*", "--ignore", "collect/*"], cwd=copy, env=env, check=True, capture_output=True)
    fresh = polib.pofile(str(copy / "locale/zh_Hans/LC_MESSAGES/django.po"))
    missing = [e.msgid for e in fresh if not (e.msgstr or any(e.msgstr_plural.values()))]
    assert missing == [], "new interface strings lack a Chinese translation: run scripts/i18n.py update, translate, compile"
