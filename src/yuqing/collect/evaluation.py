"""How well extract_article finds article text, measured on real pages.

English: the 181 pages of scrapinghub/article-extraction-benchmark with human-checked bodies,
scored like its evaluate.py (MIT): 4-token shingles of \\w+ tokens, per-page precision and
recall normalised so long articles do not weigh more, averaged, then F1 of the averages;
accuracy = share of pages whose token sequence matches exactly. No bootstrap intervals here.

Chinese: 62 pages from 31 sites with no gold text; we count pages that yield a title and more
than 200 characters of text.

    .venv/bin/python -m yuqing.collect.evaluation /path/to/shared/data/html
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

from yuqing.collect.encoding import decode_html
from yuqing.collect.items import CollectedItem
from yuqing.collect.pages import extract_article

_TOKEN = re.compile(r"\w+")
ShingleCounts = tuple[float, float, float]
EN_FOLDER = "article_extraction_benchmark_en"
ZH_FOLDER = "chinese_news_pages/articles"


def shingle_counts(true: str, pred: str, n: int = 4) -> ShingleCounts:
    """Normalised (tp, fp, fn) over n-token shingles, as the benchmark's evaluate.py computes them."""
    gold, found = _shingles(true, n), _shingles(pred, n)
    tp = fp = fn = 0.0
    for key in gold.keys() | found.keys():
        g, f = gold.get(key, 0), found.get(key, 0)
        tp, fp, fn = tp + min(g, f), fp + max(0, f - g), fn + max(0, g - f)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def _precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """precision, recall, f1 and accuracy over (gold, predicted) article bodies."""
    counts = [shingle_counts(gold, pred) for gold, pred in pairs]
    precision = _mean([_precision(*c) for c in counts if c[0] + c[1] > 0])
    recall = _mean([_recall(*c) for c in counts if c[0] + c[2] > 0])
    accuracy = _mean([float(_TOKEN.findall(g) == _TOKEN.findall(p)) for g, p in pairs])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy}


def _mean(values: list[float]) -> float:
    """Mean, or 0.0 when no page counts (evaluate.py would raise; one empty prediction should not)."""
    return statistics.mean(values) if values else 0.0


def _extract_file(path: Path, url: str) -> CollectedItem | None:
    raw = path.read_bytes()
    html, _ = decode_html(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    item = extract_article(html, url)
    return item if isinstance(item, CollectedItem) else None


def article_pages(folder: Path) -> Iterator[tuple[str, str, str]]:
    """(site/page, title, text) of every page under `folder` from which an article with a title
    is extracted, in path order: the news pages as analysis' same-event pairs read them."""
    for page in sorted(folder.rglob("*.html")):
        item = _extract_file(page, f"https://{page.parent.name}.example/{page.name}")
        if item is not None and item.title:
            yield f"{page.parent.name}/{page.stem}", item.title, item.text


def evaluate_english(folder: Path) -> dict[str, Any]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    start, pairs, empty = time.perf_counter(), [], 0
    for key, gold in truth.items():
        item = _extract_file(folder / "html" / f"{key}.html.gz", gold.get("url", ""))
        empty += item is None
        pairs.append((gold.get("articleBody", ""), item.text if item else ""))
    elapsed = time.perf_counter() - start
    return {"pages": len(pairs), "no_article": empty, **score(pairs), "seconds_per_page": elapsed / len(pairs)}


def evaluate_chinese(folder: Path, min_chars: int = 200) -> dict[str, Any]:
    pages = sorted(folder.rglob("*.html"))
    start, good, dated, failures = time.perf_counter(), 0, 0, []
    for page in pages:
        item = _extract_file(page, f"https://{page.parent.name}.example/{page.name}")
        ok = bool(item and item.title and len(item.text) > min_chars)
        good += ok
        dated += bool(item and item.published_at)
        if not ok:
            failures.append(str(page.relative_to(folder)))
    elapsed = time.perf_counter() - start
    return {"pages": len(pages), f"title_and_over_{min_chars}_chars": good, "with_date": dated,
            "failures": failures, "seconds_per_page": elapsed / max(1, len(pages))}


def evaluate_extraction(data_root: str | Path) -> dict[str, Any]:
    """Scores on both page sets under `data_root` (the shared data's html/ folder); a set that
    is absent is reported as {"missing": path}."""
    root = Path(data_root)
    result: dict[str, Any] = {}
    for name, folder, run in (("en", root / EN_FOLDER, evaluate_english), ("zh", root / ZH_FOLDER, evaluate_chinese)):
        result[name] = run(folder) if folder.exists() else {"missing": str(folder)}
    return result


if __name__ == "__main__":
    print(json.dumps(evaluate_extraction(sys.argv[1] if len(sys.argv) > 1 else "."), indent=2, ensure_ascii=False))
