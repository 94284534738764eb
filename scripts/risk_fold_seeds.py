"""The shipped risk training's cross-validation with other fold seeds: is a gain more than the split?

    nice .venv/bin/python scripts/risk_fold_seeds.py [--data ../shared/data] [--seeds 0 1 2 3 4 5] [--no-news] [--extra-labels | --extra-types] [--no-ced-labels | --no-ced-roots] [--ced-comments]

Runs risk_training.cross_validate (what scripts/train_risk.py and `yuqing eval` run, fold seed 0)
once per seed, with the module's SEED set to it (the outer grouped folds and the inner threshold
folds alike), the TF-IDF baseline left out. --extra-labels adds the labelled non-CED posts of
risk_extra (risk_extra_labels.tsv) to every fold's training posts, as train_risk.py's
--corrections does: they train both heads and the inner threshold folds, and are never scored.
--extra-types adds only its risk posts, and only to the type head, as weak typed posts (at
risk_training.WEAK_WEIGHT): types from reading, for the head that learns from few examples.
The labelled posts of the CED stream's other cascades (risk_ced_labels.tsv) join every fold's
training posts, as in the shipped training, and so do the labelled roots of the 1,200's cascades
(risk_ced_roots.tsv) in the folds that score none of their cascade; --no-ced-labels leaves both
out (the training before the seventh round), --no-ced-roots the roots alone.
--ced-comments adds the labelled comments of those cascades (risk_ced_comments.tsv) the same way.
Prints one JSON line per seed and the mean and standard deviation. It only imports the training
modules, so an earlier revision's can be scored the same way:
`PYTHONPATH=<that checkout>/src python scripts/risk_fold_seeds.py --no-news` (for a revision
before issue 14's fifth round, which has no news to read; needs the `train` extra; about 2
minutes a seed on a quiet 2-core machine).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from yuqing.analysis.evaluation import risk_data, risk_extra, risk_training

ROOT = Path(__file__).resolve().parents[1]


def no_baseline(training: list, texts: list[str]) -> tuple[list[int], list[str]]:
    return [0] * len(texts), ["none"] * len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4, 5])
    parser.add_argument("--no-news", action="store_true",
                        help="as train_risk.py --no-news; needed to score a revision before issue 14's fifth round")
    parser.add_argument("--extra-labels", action="store_true",
                        help="+ risk_extra's labelled non-CED posts in every fold's training posts (never scored)")
    parser.add_argument("--extra-types", action="store_true",
                        help="+ risk_extra's risk posts as the type head's weak typed posts (never scored)")
    parser.add_argument("--no-ced-labels", action="store_true",
                        help="leave out every labelled post of the CED stream (the shipped training before issue 14's seventh round)")
    parser.add_argument("--no-ced-roots", action="store_true",
                        help="leave out the labelled roots of the 1,200's cascades (the shipped training before them)")
    parser.add_argument("--ced-comments", action="store_true",
                        help="+ the labelled comments of the CED stream's other cascades in every fold's training posts")
    args = parser.parse_args()
    posts = risk_data.labelled(args.data)
    read = risk_extra.extra_labelled(args.data) if args.extra_labels or args.extra_types else []
    extra = read if args.extra_labels else []
    ced = [] if args.no_ced_labels else risk_extra.ced_labelled(args.data, cascade_roots=not args.no_ced_roots)
    if args.ced_comments:
        ced += risk_extra.extra_labelled(args.data, risk_extra.CED_COMMENTS)
    extra += ced
    weak = risk_data.weak_typed(args.data, {p.cascade for p in posts}, {p.text for p in ced})
    if args.extra_types:
        weak += [(p.text, p.type) for p in read if p.risk]
    news = [] if args.no_news else risk_data.weak_news(args.data)
    risk_training.baseline = no_baseline  # (scored on the same folds by train_risk.py; not needed here)
    found: dict[str, list[float]] = {"risk_f1": [], "type_accuracy_among_risk": []}
    for seed in args.seeds:
        risk_training.SEED = seed
        started = time.time()
        news_arg = {"news": news} if news else {}  # (an earlier revision's cross_validate has no news)
        news_arg |= {"extra": extra} if extra else {}
        model = risk_training.cross_validate(posts, weak, 5, log=lambda message: None, **news_arg)["model"]
        row = {key: value for key, value in model.items() if key != "confusion_gold_by_said"}
        print(json.dumps({"seed": seed, **row, "seconds": round(time.time() - started)}), flush=True)
        for key, values in found.items():
            values.append(row[key])
    print(json.dumps({key: {"mean": round(statistics.mean(v), 4), "sd": round(statistics.stdev(v), 4) if len(v) > 1 else 0.0}
                      for key, v in found.items()}))


if __name__ == "__main__":
    main()
