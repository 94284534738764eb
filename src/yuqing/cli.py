"""The `yuqing` command. Sub-commands live in yuqing.commands; this file only parses and dispatches."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from yuqing.errors import YuqingError

# name -> (module in yuqing.commands, help)
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("workspace", "create the workspace, database and admin account"),
    "up": ("workspace", "start the web server and the background collector/pipeline"),
    "web": ("workers", "start the web server only (workers run the background work: yuqing worker)"),
    "worker": ("workers", "run background work: --role collect|analyze|notify|schedule|all (default all)"),
    "status": ("workers", "show the workers alive, their roles, the work waiting and how old it is"),
    "demo": ("workspace", "load the fictional demo workspace and start (or --seed-only)"),
    "collect": ("data", "run one collection pass over due sources (or --all)"),
    "import": ("data", "import JSONL/CSV files (gzip too)"),
    "search": ("data", "search stored documents with the rule language"),
    "reindex": ("data", "rebuild the search index from stored documents"),
    "createtoken": ("workspace", "issue an API token for a user"),
    "analyze": ("analysis", "run the analysis pipeline over a JSONL file (no database needed)"),
    "match": ("analysis", "match posts against rules, one rule a line (no database needed)"),
    "eval": ("analysis", "print every quality figure on the shared evaluation data"),
    "reanalyze": ("analysis", "re-run the analysis over stored documents whose stage versions changed"),
    "corrections": ("analysis", "export people's corrections of sentiment, risk and type as training data (corrections export -o FILE.jsonl)"),
    "briefing": ("briefing", "write a daily/weekly/monthly briefing or an incident's special report (.docx/.pdf/.html)"),
    "bulletin": ("reporting", "export a bulletin issue as Word or PDF (bulletin export ID|--latest -o FILE)"),
    "ranking": ("reporting", "rankings (通报) or the annual assessment for a period, as Excel"),
    "forward": ("forwarding", "export a forwarding batch (报送单) as Word or PDF (forward export ID|--latest -o FILE)"),
    "doctor": ("doctor", "check what this machine lacks (Chinese font, PDF engine, database) and say what to do"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yuqing", description="舆情 yuqing: public-opinion monitoring and information reporting")
    parser.add_argument("--home", help="workspace folder (default: $YUQING_HOME or ./yuqing-data)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        import_module(f"yuqing.commands.{module}").add_arguments(name, command_parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module, _ = COMMANDS[args.command]
    try:
        return int(import_module(f"yuqing.commands.{module}").run(args) or 0)
    except YuqingError as error:
        print(f"yuqing: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("yuqing: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
