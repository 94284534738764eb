"""collect, import, search, reindex: working with sources and stored documents from the shell."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone

from yuqing.commands.setup import django_setup, migrate, require_database
from yuqing.errors import InputError


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "collect":
        parser.add_argument("--all", action="store_true", help="every enabled web source, due or not")
        parser.add_argument("--source", type=int, action="append", help="only this source id (repeatable)")
    elif name == "import":
        parser.add_argument("files", nargs="+", metavar="PATH",
                            help="JSONL, JSON, CSV (optionally .gz) or .xlsx; with --from mediacrawler also a folder or SQLite")
        parser.add_argument("--from", dest="origin", choices=["file", "mediacrawler"], default="file",
                            help="mediacrawler: MediaCrawler output, platform and contents/comments detected")
        parser.add_argument("--platform", default="", help="with --from mediacrawler: the platform, when detection cannot tell")
        parser.add_argument("--follow", action="store_true", help="keep watching and import what is added (Ctrl-C stops)")
        parser.add_argument("--interval", type=float, default=10.0, help="seconds between looks when following")
        parser.add_argument("--map", action="append", default=[], metavar="THEIRS=OURS",
                            help="rename an input field, e.g. --map content=text --map mid=id")
        parser.add_argument("--mapping", default="", metavar="NAME", help="use a column mapping saved on the import page")
        parser.add_argument("--site", default="", help="site name for rows that carry none (e.g. weibo.com)")
    elif name == "search":
        parser.add_argument("query")
        parser.add_argument("--count", action="store_true", help="print only the number of matches")
        parser.add_argument("--json", action="store_true", help="one JSON object a line")
        parser.add_argument("--since", help="ISO date or time (UTC unless it has an offset)")
        parser.add_argument("--until", help="ISO date or time, exclusive")
        parser.add_argument("--source", type=int, action="append", help="source id (repeatable)")
        parser.add_argument("--limit", type=int, default=20)


def run(args: argparse.Namespace) -> int:
    writes = args.command in {"collect", "import"}
    django_setup(args.home, create=writes)
    if writes:
        migrate()
    else:
        require_database()
    return {"collect": collect, "import": import_files, "search": search, "reindex": reindex}[args.command](args)


def collect(args: argparse.Namespace) -> int:
    from yuqing.sources.collecting import collect_due, collect_source
    from yuqing.sources.models import WEB_KINDS, Source

    if args.source or args.all:
        sources = Source.objects.filter(enabled=True, kind__in=WEB_KINDS)
        if args.source:
            sources = Source.objects.filter(pk__in=args.source)
        runs = [collect_source(s) for s in sources]
    else:
        runs = collect_due()
    for run in runs:
        status = "ok" if not run.error else f"FAILED: {run.error}"
        print(f"{run.source.name}: {run.items_new} new, {run.items_duplicate} already stored, "
              f"{run.items_rejected} quarantined — {status}")
    if not runs:
        print("no source is due (use --all to collect every enabled source now)")
    return 1 if any(run.error for run in runs) else 0


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        theirs, sep, ours = pair.partition("=")
        if not sep or not theirs or not ours:
            raise InputError(f"--map {pair!r} should look like THEIRS=OURS, e.g. content=text")
        mapping[theirs.strip()] = ours.strip()
    return mapping


def import_files(args: argparse.Namespace) -> int:
    if args.origin == "mediacrawler":
        return import_mediacrawler(args)
    from yuqing.sources.collecting import import_into
    from yuqing.sources.models import Source

    mapping = _saved_mapping(args.mapping) | parse_mapping(args.map)
    failed = 0
    for name in args.files:
        path = _shell_path(name)
        source, _ = Source.objects.get_or_create(
            kind=Source.Kind.FILE, url=str(path),
            defaults={"name": path.name, "site": args.site, "enabled": False, "options": {"mapping": mapping}},
        )
        if mapping and source.options.get("mapping") != mapping or (args.site and source.site != args.site):
            source.options["mapping"], source.site = mapping, args.site or source.site
            source.save()
        run = import_into(source, progress=_progress(path.name), any_folder=True)
        print(file=sys.stderr)
        print(f"{path.name}: {run.items_new} new, {run.items_duplicate} already stored, "
              f"{run.items_rejected} quarantined (see the Quarantine page)" + (f" — FAILED: {run.error}" if run.error else ""))
        failed += bool(run.error)
    return 1 if failed else 0


def _shell_path(name: str, folder_ok: bool = False):
    from pathlib import Path

    from yuqing.sources.import_paths import ImportPathRefused, resolve_import_path

    folder = Path(name).expanduser()
    if folder_ok and folder.is_dir():
        return folder.resolve()
    try:
        return resolve_import_path(name, any_folder=True)
    except ImportPathRefused:
        raise InputError(f"{name}: no such file (or it is one of the workspace's own files, which are never imported)") from None


def _saved_mapping(name: str) -> dict[str, str]:
    if not name:
        return {}
    from yuqing.sources.models import ImportMapping

    found = ImportMapping.objects.filter(name=name).first()
    if found is None:
        raise InputError(f"no saved mapping named {name!r}; save one on the import page first")
    return dict(found.mapping)


def import_mediacrawler(args: argparse.Namespace) -> int:
    import time

    from yuqing.sources.mediacrawler import FolderFollower, import_path

    paths = [_shell_path(name, folder_ok=True) for name in args.files]
    if not args.follow:
        runs = [run for path in paths for run in import_path(path, args.platform, _progress(path.name), any_folder=True)]
        return _report(runs, paths)
    followers = [FolderFollower(path, args.platform, any_folder=True) for path in paths if path.is_dir()]
    if len(followers) != len(paths):
        raise InputError("--follow watches folders: give MediaCrawler's output folder (e.g. data/)")
    print(f"following {', '.join(map(str, paths))}; Ctrl-C stops", file=sys.stderr)
    while True:
        for follower in followers:
            _report(follower.poll(_progress(follower.folder.name)), paths, quiet=True)
        time.sleep(args.interval)


def _report(runs: list, paths: list, quiet: bool = False) -> int:
    if runs:
        print(file=sys.stderr)  # end the progress line
    for run in runs:
        print(f"{run.source.name}: {run.items_new} new, {run.items_duplicate} already stored, "
              f"{run.items_rejected} quarantined" + (f" — FAILED: {run.error}" if run.error else ""))
    if not runs and not quiet:
        print(f"no MediaCrawler data found in {', '.join(map(str, paths))} (contents or comments files, sheets or tables)")
        return 1
    return 1 if any(run.error for run in runs) else 0


def _progress(label: str):
    def show(position: int, stats) -> None:
        print(f"\r{label}: line {position:,} · {stats.new:,} new · {stats.duplicate:,} duplicates · "
              f"{stats.rejected:,} quarantined", end="", file=sys.stderr, flush=True)
    return show


def parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise InputError(f"{value!r} is not an ISO date or time such as 2026-11-26 or 2026-11-26T08:00+08:00") from error
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def search(args: argparse.Namespace) -> int:
    from django.utils.timezone import localtime

    from yuqing.documents.search import SearchFilters, search as run_search

    filters = SearchFilters(since=parse_time(args.since), until=parse_time(args.until), source_ids=args.source or [])
    result = run_search(args.query, filters, limit=0 if args.count else args.limit)
    if args.count:
        print(result.total)
        return 0
    for doc in result.documents:
        if args.json:
            print(json.dumps(_doc_json(doc), ensure_ascii=False))
        else:
            print(f"{localtime(doc.published_at):%Y-%m-%d %H:%M} [{doc.site}] {doc.display_title}  (#{doc.pk})")
    if not args.json:
        print(f"— {result.total} matching documents" + (", newest first" if result.total else ""), file=sys.stderr)
    return 0


def _doc_json(doc) -> dict:
    return {
        "id": doc.pk, "external_id": doc.external_id, "url": doc.url, "site": doc.site, "title": doc.title,
        "text": doc.text, "author": doc.author, "published_at": doc.published_at.isoformat(),
        "sentiment": doc.sentiment, "event": doc.event_id,
    }


def reindex(args: argparse.Namespace) -> int:
    from yuqing.documents.index import rebuild

    total = rebuild(progress=lambda n: print(f"\rindexed {n:,}", end="", file=sys.stderr, flush=True))
    print(f"\nsearch index rebuilt: {total:,} documents")
    return 0
