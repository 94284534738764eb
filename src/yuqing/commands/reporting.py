"""bulletin export, ranking: the reporting office's files from the shell.

    yuqing bulletin export 12 -o 第12期.docx          # by id (see the bulletin pages), or
    yuqing bulletin export 2026-12 -o issue.pdf        # by year and number, or
    yuqing bulletin export --latest -o latest.docx     # the latest published issue
    yuqing ranking --period 2026-11 -o 通报.xlsx        # also 2026-Q4, 2026, 2026-11-01..2026-11-15
    yuqing ranking --period 2026 --assessment -o 考核.xlsx
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from yuqing.commands.setup import django_setup, require_database
from yuqing.errors import InputError


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "bulletin":
        parser.add_argument("action", choices=["export"], help="export an issue as Word (.docx) or PDF (.pdf)")
        parser.add_argument("issue", nargs="?", help="issue id, or YEAR-NUMBER such as 2026-12")
        parser.add_argument("--latest", action="store_true", help="the latest published issue")
        parser.add_argument("--periodical", help="periodical name (when there are several)")
        parser.add_argument("-o", "--output", required=True, help="FILE.docx or FILE.pdf")
    elif name == "ranking":
        parser.add_argument("--period", required=True, help="2026-11, 2026-Q4, 2026 or 2026-11-01..2026-11-15")
        parser.add_argument("--by", choices=["points", "volume", "adopted", "rate"], default="points")
        parser.add_argument("--assessment", action="store_true", help="the annual assessment sheet of the period's year")
        parser.add_argument("-o", "--output", help="FILE.xlsx (without it, the unit ranking is printed)")


def run(args: argparse.Namespace) -> int:
    django_setup(args.home)
    require_database()
    return export_bulletin(args) if args.command == "bulletin" else ranking(args)


def find_issue(issue: str | None, latest: bool, periodical: str | None):
    from yuqing.bulletins.models import Issue

    issues = Issue.objects.select_related("periodical")
    if periodical:
        issues = issues.filter(periodical__name=periodical)
    if latest:
        found = issues.filter(state=Issue.State.PUBLISHED).order_by("-signed_off_at", "-id").first()
        if found is None:
            raise InputError("no published issue yet" + (f" of {periodical}" if periodical else ""))
        return found
    if not issue:
        raise InputError("name an issue (its id, or YEAR-NUMBER such as 2026-12) or use --latest")
    if match := re.fullmatch(r"(\d{4})-(\d+)", issue):
        matches = list(issues.filter(year=int(match[1]), number=int(match[2])))
        if len(matches) > 1:
            raise InputError(f"{issue} exists in several periodicals; add --periodical NAME")
        found = matches[0] if matches else None
    else:
        found = issues.filter(pk=int(issue)).first() if issue.isdigit() else None
    if found is None:
        raise InputError(f"there is no issue {issue!r}")
    return found


def export_bulletin(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if output.suffix.lower() not in {".docx", ".pdf"}:
        raise InputError(f"{output.name}: write .docx (editable Word) or .pdf")
    issue = find_issue(args.issue, args.latest, args.periodical)
    if output.suffix.lower() == ".docx":
        from yuqing.bulletins.docx_export import issue_docx as render
    else:
        from yuqing.bulletins.pdf_export import issue_pdf as render
    output.write_bytes(render(issue))
    print(f"{issue}: {output} ({output.stat().st_size:,} bytes)" + ("" if issue.is_published else " — DRAFT, not signed off"))
    return 0


def ranking(args: argparse.Namespace) -> int:
    from yuqing.submissions.periods import parse_period
    from yuqing.units.models import Unit

    period = parse_period(args.period)
    units = Unit.objects.all()
    if args.assessment:
        return _assessment(period.first.year, units, args.output)
    from yuqing.submissions.excel import ranking_workbook
    from yuqing.submissions.rankings import person_rows, ranked, unit_rows

    unit_table, people = ranked(unit_rows(period, units), args.by), ranked(person_rows(period, units), args.by)
    if args.output:
        _write_xlsx(Path(args.output), ranking_workbook(period.label, unit_table, people))
    else:
        print(f"{period.label} — {len(unit_table)} units, ordered by {args.by}")
        for row in unit_table:
            print(f"{row.rank:>3}  {row.name}  submitted {row.submitted}  adopted {row.adopted}  "
                  f"rate {row.rate:.0%}  points {row.points}")
    return 0


def _assessment(year: int, units, output: str | None) -> int:
    from yuqing.submissions.assessment import annual_sheet
    from yuqing.submissions.excel import assessment_workbook

    if not output:
        raise InputError("--assessment writes a workbook: add -o FILE.xlsx")
    _write_xlsx(Path(output), assessment_workbook(year, annual_sheet(year, units), annual_sheet(year, units, by_person=True)))
    return 0


def _write_xlsx(path: Path, data: bytes) -> None:
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"{path.name}: the workbook is written as .xlsx")
    path.write_bytes(data)
    print(f"{path} ({len(data):,} bytes)", file=sys.stderr)
