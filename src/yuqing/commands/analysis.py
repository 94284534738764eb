"""analyze, match, eval, reanalyze, corrections: the analysis from the shell (the first three need no database)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from importlib import import_module
from pathlib import Path

from yuqing.errors import InputError

# name -> (module, function(data_root) -> dict); each prints one section of `yuqing eval`.
QUALITY = {
    "sentiment": ("yuqing.analysis.evaluation.sentiment", "evaluate"),
    "risk": ("yuqing.analysis.evaluation.risk", "evaluate"),
    "places": ("yuqing.commands.analysis", "evaluate_places"),
    "dedup_cluster": ("yuqing.analysis.evaluation.dedup_cluster", "evaluate"),
    "events": ("yuqing.commands.analysis", "evaluate_events"),
    "extraction": ("yuqing.collect.evaluation", "evaluate_extraction"),
}


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "analyze":
        parser.add_argument("input", metavar="IN.jsonl[.gz]", help="one post a line: id, text, optional title, created_at")
        parser.add_argument("-o", "--output", required=True, metavar="OUT.jsonl")
    elif name == "match":
        parser.add_argument("rules", metavar="RULES.txt", help="one rule a line: name<TAB>expression")
        parser.add_argument("input", metavar="IN.jsonl[.gz]")
        parser.add_argument("-o", "--output", required=True, metavar="OUT.jsonl")
    elif name == "eval":
        parser.add_argument("--data", default=os.environ.get("YUQING_SHARED_DATA", "../shared/data"),
                            help="the shared evaluation data folder (default ../shared/data)")
        parser.add_argument("--only", choices=sorted(QUALITY), action="append", help="one section (repeatable)")
        parser.add_argument("--json", action="store_true")
    elif name == "corrections":
        parser.add_argument("action", choices=["export"])
        parser.add_argument("-o", "--output", required=True, metavar="FILE.jsonl",
                            help="one corrected document a line, for scripts/train_*.py --corrections")
    elif name == "reanalyze":
        parser.add_argument("--all", action="store_true", help="every document, not only those whose stage versions changed")


def run(args: argparse.Namespace) -> int:
    if args.command == "analyze":
        from yuqing.analysis.analyze_file import run_analyze

        _require_file(args.input)
        run_analyze(args.input, args.output)
        return 0
    if args.command == "match":
        from yuqing.analysis.query.match_file import run_match

        _require_file(args.rules)
        _require_file(args.input)
        return run_match(args.rules, args.input, args.output)
    if args.command == "eval":
        return evaluate(Path(args.data), args.only or sorted(QUALITY), args.json)
    if args.command == "corrections":
        return export_corrections(args)
    return reanalyze(args)


def _require_file(path: str) -> None:
    if path != "-" and not Path(path).is_file():
        raise InputError(f"{path}: no such file")


def evaluate(data: Path, sections: list[str], as_json: bool) -> int:
    if not data.exists():
        raise InputError(f"the evaluation data folder {data} does not exist; pass --data")
    report = {}
    for name in sections:
        module, func = QUALITY[name]
        print(f"evaluating {name} …", file=sys.stderr, flush=True)
        root = data / "html" if name == "extraction" else data
        report[name] = getattr(import_module(module), func)(root)
        if not as_json:
            print(f"\n== {name} ==")
            print(json.dumps(report[name], ensure_ascii=False, indent=2, default=str))
    if as_json:
        print(json.dumps(report, ensure_ascii=False, default=str))
    return 0


def evaluate_places(data: Path) -> dict:
    """Place mentions on the Weibo NER dev set and division mentions in labelled news sentences."""
    from yuqing.analysis.evaluation import news_places, places

    return {"weibo_ner": places.evaluate(data), "news_divisions": news_places.evaluate(data)}


def evaluate_events(data: Path) -> dict:
    """Same-event pairs from the shared news (analysis.evaluation.events), with the news pages
    read by the collector's extractor (analysis does not import collect)."""
    from yuqing.analysis.evaluation.events import evaluate as evaluate_pairs
    from yuqing.collect.evaluation import article_pages

    return evaluate_pairs(data, pages=article_pages(data / "html" / "chinese_news_pages" / "articles"))


def export_corrections(args: argparse.Namespace) -> int:
    from yuqing.commands.setup import django_setup, require_database

    django_setup(args.home)
    require_database()
    from yuqing.documents.corrections import export

    with open(args.output, "w", encoding="utf-8") as out:
        count = export(out)
    print(f"{count:,} corrected documents written to {args.output}", file=sys.stderr)
    return 0


def reanalyze(args: argparse.Namespace) -> int:
    from yuqing.commands.setup import django_setup, require_database

    django_setup(args.home)
    require_database()
    from yuqing.documents.analysis import reanalyze as run_reanalyze

    total = run_reanalyze(everything=args.all, progress=lambda done, total: print(
        f"\rreanalyzed {done:,} / {total:,}", end="", file=sys.stderr, flush=True))
    print(f"\n{total:,} documents reanalyzed")
    return 0
