#!/usr/bin/env python
"""Translations of the interface (zh-Hans).

    scripts/i18n.py update          # collect new strings into the .po (needs GNU gettext)
    scripts/i18n.py fill FILE.py    # merge a dict T = {msgid: msgstr} from FILE.py into the .po
    scripts/i18n.py compile         # write the .mo (pure Python, polib)
    scripts/i18n.py check           # list msgids still untranslated; exit 1 if any
"""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "yuqing"
PO = PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def update() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "yuqing.web.settings"}
    subprocess.run([sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "--no-obsolete",
                    "--ignore", "analysis/*", "--ignore", "collect/*"], cwd=PACKAGE, env=env, check=True)


def fill(path: str) -> None:
    table = runpy.run_path(path)["T"]
    po = polib.pofile(str(PO))
    for entry in po:
        if entry.msgid in table:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: table[entry.msgid]}
            else:
                entry.msgstr = table[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()


def untranslated() -> list[str]:
    po = polib.pofile(str(PO))
    return [e.msgid for e in po if not e.obsolete and (
        (e.msgid_plural and not any(e.msgstr_plural.values())) or (not e.msgid_plural and not e.msgstr) or "fuzzy" in e.flags)]


def compile_mo() -> None:
    po = polib.pofile(str(PO))
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata_is_fuzzy = False
    po.save()
    po.save_as_mofile(str(PO.with_suffix(".mo")))


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "fill":
        fill(argv[1])
    elif command == "compile":
        compile_mo()
    missing = untranslated()
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing and command == "check" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
