"""Extra risk labels, joined with their texts: non-CED Weibo posts (risk_extra_labels.tsv),
posts (risk_ced_labels.tsv, used in training) and comments (risk_ced_comments.tsv, not used) of
the CED stream's other cascades, and the roots of the 1,200's cascades (risk_ced_roots.tsv, used).

A TSV holds no text: each row names a post of a set under shared/data by file and
id, its risk (1/0) and type, and the first 10 hex digits of the SHA-1 of the post's text in
match form, so that a set rebuilt with other texts under the same ids is caught, not silently
trained on. The header comment says how the posts were chosen and labelled.

The first file's posts come from Weibo sets other than CED; the next two's from the CED stream
(risk/dev.jsonl's source), from cascades holding none of the 1,200's posts. Each of these posts
is given a cascade of its own: it trains every fold and is never scored. The roots' file names
original posts of cascades that do hold some of the 1,200: each keeps its cascade (its own id),
so it trains only the folds that score none of that cascade (risk_data.outside), and it trains
the risk heads only.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from yuqing.analysis.evaluation.risk_data import Labelled
from yuqing.analysis.risk import sentiment_scores
from yuqing.analysis.risk_features import TYPES
from yuqing.analysis.sentiment_features import match_form
from yuqing.errors import InputError

LABELS = Path(__file__).with_name("risk_extra_labels.tsv")
CED_LABELS = Path(__file__).with_name("risk_ced_labels.tsv")
CED_COMMENTS = Path(__file__).with_name("risk_ced_comments.tsv")
CED_ROOTS = Path(__file__).with_name("risk_ced_roots.tsv")
COLUMNS = ("source", "id", "risk", "type", "text_sha1")
HEADER = "\t".join(COLUMNS)
SOURCES = {  # the file column → its path under shared/data
    "smp2020_usual_train.jsonl.gz": "sentiment/extra/smp2020_usual_train.jsonl.gz",
    "weibo_senti_100k_partial.jsonl.gz": "sentiment/extra/weibo_senti_100k_partial.jsonl.gz",
    "nlpcc2013_2014_weibo_emotion_weibos.jsonl.gz": "sentiment/extra/nlpcc2013_2014_weibo_emotion_weibos.jsonl.gz",
    "covid19_weibo_7emotion_nlpcc2020.jsonl.gz": "sentiment/extra/covid19_weibo_7emotion_nlpcc2020.jsonl.gz",
    "virus_train.jsonl": "sentiment/smp2020_weibo/virus_train.jsonl",
    "ced_weibo_dev.jsonl.gz": "stream/ced_weibo_dev.jsonl.gz",
}


class StaleLabelError(InputError):
    """A label names a post whose text is missing or changed: relabel it or drop its row."""


@dataclass(frozen=True)
class ExtraLabel:
    source: str
    id: str
    risk: int
    type: str
    text_sha1: str


def text_sha1(text: str) -> str:
    """The fingerprint the TSV keeps of a raw text: SHA-1 of its match form, 10 hex digits."""
    return hashlib.sha1(match_form(text).encode("utf-8")).hexdigest()[:10]


def read_labels(path: Path = LABELS) -> list[ExtraLabel]:
    """The TSV's rows (comment lines start with #; the first other line is the header)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    if not lines or lines[0] != HEADER:
        raise InputError(f"{path}: the first line after the comments must be the header {HEADER!r}")
    out = []
    for number, line in enumerate(lines[1:], 2):
        source, key, risk, kind, sha = line.split("\t")
        if source not in SOURCES or risk not in ("0", "1") or kind not in (TYPES if risk == "1" else ("none",)):
            raise InputError(f"{path}: row {number} ({line!r}) has an unknown source, risk or type")
        out.append(ExtraLabel(source, key, int(risk), kind, sha))
    return out


def source_texts(root: Path, source: str) -> Iterator[tuple[str, str]]:
    """(id, raw text) of one source file under shared/data; virus_train calls its text content."""
    path = root / SOURCES[source]
    with (gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")) as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                yield str(row["id"]), row.get("text") or row.get("content") or ""


def joined_texts(root: Path, labels: list[ExtraLabel]) -> list[str]:
    """Each label's raw text, checked against its fingerprint."""
    texts: dict[tuple[str, str], str] = {}
    for source in sorted({label.source for label in labels}):
        wanted = {label.id for label in labels if label.source == source}
        texts.update(((source, key), text) for key, text in source_texts(root, source) if key in wanted)
    out = []
    for label in labels:
        text = texts.get((label.source, label.id))
        if text is None or text_sha1(text) != label.text_sha1:
            state = "is missing" if text is None else "no longer matches its label's fingerprint"
            raise StaleLabelError(f"{label.source} id {label.id} {state} under {root}: relabel or drop that row")
        out.append(text)
    return out


def extra_labelled(root: Path, path: Path = LABELS, cascade_roots: bool = False) -> list[Labelled]:
    """The extra labels as labelled posts (text in match form, sentiment score, and a cascade of
    their own). With `cascade_roots`, the file names cascade roots: each keeps its cascade (its own id)
    and trains the risk heads only."""
    labels = read_labels(path)
    texts = [match_form(text) for text in joined_texts(root, labels)]
    sentiments = sentiment_scores([("", text) for text in texts])
    out = []
    for label, text, score in zip(labels, texts, sentiments, strict=True):
        key = f"extra:{label.source}:{label.id}"
        out.append(Labelled(key, text, label.risk, label.type, label.id if cascade_roots else key, score,
                             teaches_type=not cascade_roots))
    return out


def ced_labelled(root: Path, cascade_roots: bool = True) -> list[Labelled]:
    """The CED stream's labelled posts: those of other cascades (risk_ced_labels.tsv) and, unless
    `cascade_roots` is False, the roots of the 1,200's cascades (risk_ced_roots.tsv): training posts of
    the shipped model. The roots' types are stored but not learnt: with them the type head
    scored lower (docs/model-card-risk.md, issue 14's eighth round)."""
    others = extra_labelled(root, CED_LABELS)
    return others + extra_labelled(root, CED_ROOTS, cascade_roots=True) if cascade_roots else others
