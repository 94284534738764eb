"""`yuqing briefing (daily|weekly|monthly|incident ID) [--date D] -o FILE.docx|FILE.pdf|FILE.html`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from yuqing.commands.setup import django_setup, require_database
from yuqing.errors import InputError

SUFFIXES = {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html"}


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=["daily", "weekly", "monthly", "incident"])
    parser.add_argument("incident_id", nargs="?", type=int, metavar="ID", help="the incident (for `incident`)")
    parser.add_argument("--date", help="a day in the period, e.g. 2026-11-24 (default: the last period that is over)")
    parser.add_argument("--scheme", type=int, help="only documents of this monitoring scheme (id)")
    parser.add_argument("--place", default="", help="only documents naming this place (name or division code)")
    parser.add_argument("--base-url", default="", help="where evidence links point (default: $YUQING_BASE_URL or http://127.0.0.1:8000)")
    parser.add_argument("-o", "--output", required=True, help="FILE.docx, FILE.pdf or FILE.html")


def run(args: argparse.Namespace) -> int:
    fmt = SUFFIXES.get(Path(args.output).suffix.lower())
    if fmt is None:
        raise InputError(f"{args.output}: the output must end in .docx, .pdf or .html")
    if args.kind == "incident" and args.incident_id is None:
        raise InputError("give the incident's number: yuqing briefing incident ID -o FILE")
    django_setup(args.home)
    require_database()
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        briefing = _generate(args)
        from yuqing.briefings.actions import render

        Path(args.output).write_bytes(render(briefing, fmt))
    print(f"{briefing.title}: {args.output} (briefing #{briefing.pk}, {len(briefing.content['evidence'])} documents cited)",
          file=sys.stderr)
    return 0


def _generate(args: argparse.Namespace):
    from yuqing.briefings import actions
    from yuqing.briefings.periods import parse_day
    from yuqing.incidents.models import Incident
    from yuqing.incidents.places import place_code

    if args.kind == "incident":
        incident = Incident.objects.filter(pk=args.incident_id).first()
        if incident is None:
            raise InputError(f"there is no incident {args.incident_id} (see the Incidents page for numbers)")
        return actions.generate_for_incident(None, incident, base_url=args.base_url)
    day = parse_day(args.date) if args.date else None
    return actions.generate(None, kind=args.kind, day=day, scheme_id=args.scheme, place_code=place_code(args.place),
                            base_url=args.base_url)
