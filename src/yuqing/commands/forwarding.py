"""forward export: a forwarding batch (报送单) from the shell.

    yuqing forward export 3 -o 报送单.docx        # by id (see the forwarding pages), or
    yuqing forward export 2026-3 -o 报送单.pdf     # by year and number, or
    yuqing forward export --latest -o latest.docx # the batch sent last
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from yuqing.commands.setup import django_setup, require_database
from yuqing.errors import InputError


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["export"], help="export a batch as Word (.docx) or PDF (.pdf)")
    parser.add_argument("batch", nargs="?", help="batch id, or YEAR-NUMBER such as 2026-3")
    parser.add_argument("--latest", action="store_true", help="the batch sent last")
    parser.add_argument("-o", "--output", required=True, help="FILE.docx or FILE.pdf")


def find_batch(batch: str | None, latest: bool):
    from yuqing.forwarding.models import Batch

    batches = Batch.objects.select_related("body")
    if latest:
        found = batches.filter(state=Batch.State.SENT).order_by("-sent_on", "-year", "-number").first()
        if found is None:
            raise InputError("no batch has been sent yet")
        return found
    if not batch:
        raise InputError("name a batch (its id, or YEAR-NUMBER such as 2026-3) or use --latest")
    if match := re.fullmatch(r"(\d{4})-(\d+)", batch):
        found = batches.filter(year=int(match[1]), number=int(match[2])).first()
    else:
        found = batches.filter(pk=int(batch)).first() if batch.isdigit() else None
    if found is None:
        raise InputError(f"there is no forwarding batch {batch!r}")
    return found


def run(args: argparse.Namespace) -> int:
    django_setup(args.home)
    require_database()
    output = Path(args.output)
    if output.suffix.lower() not in {".docx", ".pdf"}:
        raise InputError(f"{output.name}: write .docx (editable Word) or .pdf")
    batch = find_batch(args.batch, args.latest)
    from yuqing.forwarding.exports import batch_docx, batch_pdf

    output.write_bytes((batch_docx if output.suffix.lower() == ".docx" else batch_pdf)(batch))
    print(f"{batch}: {output} ({output.stat().st_size:,} bytes)" + ("" if batch.is_sent else " — DRAFT, not sent"))
    return 0
