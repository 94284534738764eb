"""Rewrite a format-1 sentiment model (float16 weights, UTF-8 grams; 4.3 MB) in format 2 (sentiment_file.py).

    PYTHONPATH=src .venv/bin/python scripts/sentiment_repack.py [--model-dir src/yuqing/analysis/models]

The same trained weights, stored as int8 contrasts: no retraining. The shipped file was converted
this way (docs/model-card-sentiment.md, "Storage"); scripts/train_sentiment.py writes format 2 itself.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from yuqing.analysis import sentiment_file
from yuqing.analysis.sentiment_model import MODEL_DIR


def repack(directory: Path) -> None:
    npz, meta_path = directory / "sentiment.npz", directory / "sentiment.json"
    with np.load(npz, allow_pickle=False) as data:
        grams = data["grams"].tobytes().decode("utf-8").split("\0")
        weights, bias = data["weights"][1:].astype(np.float64), data["bias"]
    sentiment_file.write(npz, grams, weights, bias)
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["version"] = sentiment_file.FORMAT
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    repack(parser.parse_args().model_dir)


if __name__ == "__main__":
    main()
