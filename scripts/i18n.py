#!/usr/bin/env python
"""Translations of the interface (zh-Hans), one catalogue per app that has a `locale/` folder.

The core catalogue (src/yuqing/locale) covers everything not inside such an app; an app gets its
own catalogue by having src/yuqing/<app>/locale/, so teams working on different apps never edit
the same .po file.

    scripts/i18n.py update [APP]        # collect new strings (needs GNU gettext); APP or "core"
    scripts/i18n.py fill FILE.py [APP]  # merge a dict T = {msgid or (context, msgid): msgstr} from FILE.py
    scripts/i18n.py compile [APP]       # write the .mo files (pure Python, polib)
    scripts/i18n.py check               # list untranslated msgids of every catalogue; exit 1 if any
"""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "yuqing"
PURE = ["analysis", "collect"]  # no interface strings live there


def app_catalogues() -> dict[str, Path]:
    return {p.parent.name: p.parent for p in sorted(PACKAGE.glob("*/locale")) if p.parent != PACKAGE}


def catalogues() -> dict[str, Path]:
    """name -> folder whose locale/zh_Hans/LC_MESSAGES/django.po is the catalogue."""
    return {"core": PACKAGE, **app_catalogues()}


def po_path(folder: Path) -> Path:
    return folder / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def makemessages(folder: Path, ignore: list[str]) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "yuqing.web.settings"}
    (folder / "locale").mkdir(exist_ok=True)
    args = [sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "--no-obsolete", "--no-location"]
    for pattern in ignore:
        args += ["--ignore", pattern]
    subprocess.run(args, cwd=folder, env=env, check=True, capture_output=True)


def update(name: str | None, root: Path = PACKAGE) -> None:
    for catalogue, folder in catalogues().items():
        if name in (None, catalogue):
            folder = root / folder.relative_to(PACKAGE)
            ignore = [f"{app}/*" for app in list(app_catalogues()) + PURE] if catalogue == "core" else []
            makemessages(folder, ignore)


def fill(path: str, name: str | None) -> None:
    table = runpy.run_path(path)["T"]
    for catalogue, folder in catalogues().items():
        if name not in (None, catalogue):
            continue
        po = polib.pofile(str(po_path(folder)))
        for entry in po:
            key = (entry.msgctxt, entry.msgid) if entry.msgctxt else entry.msgid
            if key in table:
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: table[key]}
                else:
                    entry.msgstr = table[key]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgctxt = None
        po.save()


def untranslated(po: polib.POFile) -> list[str]:
    return [e.msgid for e in po if not e.obsolete and (
        "fuzzy" in e.flags or not (e.msgstr or any(e.msgstr_plural.values())))]


def compile_mo(name: str | None) -> None:
    for catalogue, folder in catalogues().items():
        if name not in (None, catalogue):
            continue
        po = polib.pofile(str(po_path(folder)))
        po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
        po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        po.metadata_is_fuzzy = False
        po.save()
        po.save_as_mofile(str(po_path(folder).with_suffix(".mo")))


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update(argv[1] if len(argv) > 1 else None)
    elif command == "fill":
        fill(argv[1], argv[2] if len(argv) > 2 else None)
    elif command == "compile":
        compile_mo(argv[1] if len(argv) > 1 else None)
    missing = []
    for catalogue, folder in catalogues().items():
        for msgid in untranslated(polib.pofile(str(po_path(folder)))):
            missing.append(msgid)
            print(f"{catalogue}: untranslated: {msgid!r}")
    return 1 if missing and command == "check" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
