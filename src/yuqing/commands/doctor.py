"""`yuqing doctor`: what this machine lacks for yuqing to work well, and what to do about each thing.

Prints one line per check (in the interface language, Chinese by default) and exits 1 when
something a report or the server needs is missing; optional speed-ups are reported, never fatal.
"""

from __future__ import annotations

import argparse
from typing import Callable, NamedTuple

from yuqing.commands.setup import django_setup


class Check(NamedTuple):
    ok: bool
    label: str
    detail: str
    required: bool = True


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """No options: it only looks."""


def font_check() -> Check:
    from django.utils.translation import gettext as _

    from yuqing import cjk_fonts

    cjk_fonts.forget()  # look again: fonts may have been installed since
    font = cjk_fonts.best()
    if font is None:
        return Check(False, _("Chinese font for reports"), cjk_fonts.missing_message())
    origin = _("installed with yuqing") if font.origin == "bundled" else _("installed on this machine")
    return Check(True, _("Chinese font for reports"), f"{font.family} ({origin}): {font.path}")


def pdf_check() -> Check:
    from django.utils.translation import gettext as _

    try:
        import weasyprint  # noqa: F401  (needs Pango from the system)
    except (ImportError, OSError) as error:
        return Check(False, _("PDF files"), _("WeasyPrint cannot start (%(error)s): install Pango (Debian: apt install "
                                              "libpango-1.0-0 libpangoft2-1.0-0)") % {"error": error})
    return Check(True, _("PDF files"), _("WeasyPrint is ready"))


def database_check() -> Check:
    from django.utils.translation import gettext as _

    from yuqing.commands.setup import require_database
    from yuqing.errors import ConfigError

    try:
        require_database()
    except ConfigError as error:
        return Check(False, _("Database"), str(error))
    from django.db import connection

    return Check(True, _("Database"), f"{connection.vendor}: {connection.settings_dict['NAME']}")


def speedup_checks() -> list[Check]:
    from django.utils.translation import gettext as _

    from yuqing.analysis import accel

    return [Check(accel.is_active(module), _("Speed-up %(module)s") % {"module": module},
                  _("in use") if accel.is_active(module) else
                  _("not installed: %(fallback)s gives the same results, only slower") % {"fallback": fallback},
                  required=False)
            for module, (fallback, _purpose) in accel.COMPILED.items()]


def map_check() -> Check:
    """The dashboard's map: the office's area, and a national map only with the South China Sea islands."""
    from django.utils.translation import gettext as _

    from yuqing.briefings import area_map
    from yuqing.documents.area import office_area

    from django.db import DatabaseError

    usable, refused = area_map.national()
    if refused:
        return Check(False, _("Dashboard map"), refused, required=False)
    try:
        area = office_area()  # may come from the schemes, in the database
    except DatabaseError:
        area = None
    where = (_("the office's area: %(names)s") % {"names": "、".join(area_map.area_names(area))} if area else
             _("the office's area is not known: set YUQING_PLACE"))
    national = _("national map installed (with the South China Sea islands)") if usable else _("no national map installed")
    return Check(area is not None, _("Dashboard map"), _("%(area)s; %(map)s") % {"area": where, "map": national}, required=False)


CHECKS: list[Callable[[], Check]] = [database_check, font_check, pdf_check]


def run(args: argparse.Namespace) -> int:
    home = django_setup(args.home)
    from django.conf import settings
    from django.utils import translation
    from django.utils.translation import gettext as _

    with translation.override(settings.LANGUAGE_CODE):
        checks = [check() for check in CHECKS] + [map_check()] + speedup_checks()
        print(_("yuqing workspace: %(home)s") % {"home": home})
        for check in checks:
            mark = "✓" if check.ok else ("✗" if check.required else "·")
            print(f"{mark} {check.label}: {check.detail}")
        failed = [check for check in checks if check.required and not check.ok]
        print(_("%(n)d problem(s) to fix.") % {"n": len(failed)} if failed else _("Everything yuqing needs is here."))
    return 1 if failed else 0
