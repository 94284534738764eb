#!/usr/bin/env python
"""The risk stage alone, on the real Weibo stream, beside the same stage at an earlier revision.

    .venv/bin/python bench/risk_stage.py [--posts 40000] [--baseline a755767] [--rounds 5]

The posts go through the stages before risk (normalize, language, segment, ngrams, sentiment)
once, untimed.
Then the risk stage of this tree and the risk stage of the baseline revision (its risk_model.py,
risk.py, risk_features.py with its lexicon and its model files, read with `git show`) take turns over the same batches; each prints the
CPU time of its best round per post. Both answers are compared post by post: speed work may not
change what the stage writes (a retrained model does, and the count says by how much).

Issue 14's budget is 20 µs a post inside the pipeline; bench/pipeline.py prints the stage's cost
there (its posts/s per core), where the other stages share the caches.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bench_module(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def baseline_stage(revision: str):
    """The RiskStage class of `revision`, loaded beside this tree's modules."""
    folder = Path(tempfile.mkdtemp(prefix="risk-baseline-"))
    (folder / "data").mkdir()
    lexicon = git_show(revision, "src/yuqing/analysis/data/risk_lexicon.txt")
    names = ("risk_features", "risk_model", "risk") if lexicon is not None else ("risk_model", "risk")
    if lexicon is not None:  # the revision's own lexicon (and the module that reads it from data/ beside itself)
        (folder / "data" / "risk_lexicon.txt").write_bytes(lexicon)
    modules = {}
    for name in names:
        source = git_show(revision, f"src/yuqing/analysis/{name}.py").decode("utf-8")
        for own in names:
            source = source.replace(f"from yuqing.analysis.{own} import", f"from baseline_{own} import")
        (folder / f"baseline_{name}.py").write_text(source, encoding="utf-8")
        spec = importlib.util.spec_from_file_location(f"baseline_{name}", folder / f"baseline_{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[f"baseline_{name}"] = module
        spec.loader.exec_module(module)
        modules[name] = module
    for name in ("risk.npz", "risk.json"):  # the revision's own model: its code may not read today's file
        (folder / name).write_bytes(git_show(revision, f"src/yuqing/analysis/models/{name}"))
    return modules["risk"].RiskStage(modules["risk_model"].RiskModel.load(folder))


def git_show(revision: str, path: str) -> bytes | None:
    """The file at `revision`, or None where the revision has none."""
    shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{revision}:{path}"], capture_output=True)
    return shown.stdout if shown.returncode == 0 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--posts", type=int, default=40_000)
    parser.add_argument("--baseline", default="a755767", help="git revision whose risk stage is the baseline")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    pipeline = bench_module("pipeline")
    from yuqing.analysis.language import LanguageStage
    from yuqing.analysis.normalize import NormalizeStage
    from yuqing.analysis.risk import RiskStage
    from yuqing.analysis.segment import SegmentStage
    from yuqing.analysis.sentiment import SentimentStage
    from yuqing.analysis.sentiment_features import NgramStage

    before = [NormalizeStage(), LanguageStage(), SegmentStage(), NgramStage(), SentimentStage()]
    batches = []
    for batch in pipeline.batches(pipeline.stream(args.posts)):
        for stage in before:
            stage(batch)
        batches.append(batch)
    done = sum(map(len, batches))
    stages = {"this tree": RiskStage(), f"baseline {args.baseline}": baseline_stage(args.baseline)}
    answers = {}
    for name, stage in stages.items():  # warm up (loads the model) and keep each stage's answers
        copies = [[dict(post) for post in batch] for batch in batches]
        for batch in copies:
            stage(batch)
        answers[name] = [post["risk"] for batch in copies for post in batch]
    gc.freeze()
    best = dict.fromkeys(stages, float("inf"))
    for _ in range(args.rounds):
        for name, stage in stages.items():
            started = time.thread_time()
            for batch in batches:
                stage(batch)
            best[name] = min(best[name], time.thread_time() - started)
    print(f"{done:,} stream posts, best of {args.rounds} rounds (CPU time of this thread)")
    for name in stages:
        print(f"  risk stage, {name:<20} {best[name] / done * 1e6:6.2f} µs/post  {done / best[name]:>10,.0f} posts/s per core")
    ours, theirs = answers.values()
    differ = sum(a != b for a, b in zip(ours, theirs))
    print(f"answers that differ from the baseline's: {differ} of {done:,}")
    flagged = [sum(answer["label"] for answer in side) for side in (ours, theirs)]
    print(f"risk posts: {flagged[0]:,} (baseline {flagged[1]:,}); labels that differ: "
          f"{sum(a['label'] != b['label'] for a, b in zip(ours, theirs)):,}")
    for a, b in [(a, b) for a, b in zip(ours, theirs) if a != b][:3]:
        print("   ", a, "\n    baseline:", b)
    return 0


if __name__ == "__main__":
    sys.exit(main())
