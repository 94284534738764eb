"""Same-event pairs of two different articles, each pair read and labelled (issue 14).

event_pairs.py pairs a headline with its own article's lead or body: the two texts of a positive
come from one article. The issue's held-out pairs (Sohu 2021 text matching) pair two texts of two
different reports, a headline or a passage with another headline, passage or article, labelled
"same event" or not. This set is built that way from the CCF 2019 news:

- articles: every CCF item (train and dev) with a headline of 6 to 40 Han characters and a body
  of 60 or more characters, the site suffix and title copy removed as event_pairs.py does; of
  items with the same headline and lead, the first;
- candidates: each article's three most similar others (character-bigram TF-IDF of headline and
  lead, cosine), kept when the two differ in headline and lead; every candidate of cosine
  CLOSE or more, and SAMPLE_FAR drawn at random (seed SEED) of those between FAR and CLOSE,
  where other reports of one incident told in other words hide among different incidents
  (draw 1); later, every other pair of cosine FAR or more among the ten most similar (draw 2);
- labels: read one pair at a time, both headlines and the first 300 characters of both bodies,
  and marked 1 (one event: the same incident, case, announcement or happening, at any stage of
  its story) or 0 (two events, however alike: two fires, two verdicts of one court, two notices
  of one company), following the guide in the header of event_pairs_read.tsv, which stores the
  article keys and the labels only (the texts stay in ../shared);
- halves: pairs linked through a shared article form a group; a group falls in the development
  or the test half by a hash of its first key, so no article is in both halves.

Each labelled pair gives three pairs for the pipeline: the two headlines (short–short, as two
headlines of one story), one headline and the other article's lead (short–short, a headline and
a passage) and one headline and the other article's body (short–long). Which article gives the
headline is decided by a hash of the pair, and so is the order in which the two are fed.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Iterator

from yuqing.analysis.evaluation.event_pairs import (
    Article, Pair, _bigrams, _ccf_articles, _han, _ordered, bigram_index, lead, news_like,
)

CLOSE, FAR = 0.2, 0.12
SAMPLE_FAR = 300
SEED = 2021
NEIGHBOURS = 3
SECOND_NEIGHBOURS = 10
LABELS_FILE = "event_pairs_read.tsv"
KINDS = ("short-short titles", "short-short title-lead", "short-long title-body")


@dataclass(frozen=True)
class Candidate:
    first: Article
    second: Article
    cosine: float


def articles(data_root: Path) -> list[Article]:
    """CCF items with a headline and a body, one per distinct (headline, lead)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for article in _ccf_articles(data_root):
        identity = (article.title, lead(article.body))
        if not 6 <= _han(article.title) <= 40 or len(article.body) < 60 or identity in seen:
            continue
        seen.add(identity)
        kept.append(article)
    return kept


def news_like_keys(found: list[Article]) -> set[str]:
    """Keys of the articles (of articles()) that read like a news report (event_pairs.news_like):
    the part of the set nearest the held-out pairs, which are news; the rest are court papers,
    notices, ads and forum pages."""
    return {article.key for article in found if news_like(article)}


def candidates(data_root: Path, draw: int = 1) -> list[Candidate]:
    """The pairs to read in `draw` 1 or 2, in a stable order (by cosine, then keys).

    Draw 1: every pair among an article's NEIGHBOURS nearest of cosine CLOSE or more, and
    SAMPLE_FAR at random (seed SEED) of those between FAR and CLOSE. Draw 2 (read later, to
    enlarge the set): every other pair of cosine FAR or more among an article's
    SECOND_NEIGHBOURS nearest."""
    found = articles(data_root)
    leads = [lead(a.body) for a in found]
    ranked = _neighbours([_bigrams(a.title + l) for a, l in zip(found, leads)], SECOND_NEIGHBOURS)
    close, far, later = [], [], []
    for (i, j), (cosine, rank) in sorted(ranked.items()):
        if found[i].title == found[j].title or leads[i] == leads[j] or cosine < FAR:
            continue
        candidate = Candidate(found[i], found[j], round(cosine, 4))
        (later if rank >= NEIGHBOURS else close if cosine >= CLOSE else far).append(candidate)
    first_far = random.Random(SEED).sample(far, min(SAMPLE_FAR, len(far)))
    if draw == 1:
        chosen = close + first_far
    else:
        drawn = set(first_far)
        chosen = later + [c for c in far if c not in drawn]
    return sorted(chosen, key=lambda c: (-c.cosine, c.first.key, c.second.key))


def _neighbours(docs: list[set[str]], nearest: int) -> dict[tuple[int, int], tuple[float, int]]:
    """(i, j), i < j -> (cosine, rank) for each document's `nearest` nearest others; rank 0 is
    the nearest, and a pair keeps the better rank of its two documents."""
    idf, postings = bigram_index(docs)
    norms = [math.sqrt(sum(idf[g] ** 2 for g in grams)) or 1.0 for grams in docs]
    found: dict[tuple[int, int], tuple[float, int]] = {}
    for index, grams in enumerate(docs):
        dots: Counter[int] = Counter()
        for gram in grams:
            for other in postings.get(gram, ()):
                if other != index:
                    dots[other] += idf[gram] ** 2
        for rank, (other, dot) in enumerate(sorted(dots.items(), key=lambda kv: (-kv[1], kv[0]))[:nearest]):
            key = (min(index, other), max(index, other))
            best = min(rank, found[key][1]) if key in found else rank
            found[key] = (dot / norms[index] / norms[other], best)
    return found


def read_labels(text: str | None = None) -> dict[frozenset[str], int]:
    """{frozenset of two article keys: 1 or 0} from event_pairs_read.tsv; unsure pairs (?) left out."""
    if text is None:
        text = files("yuqing.analysis.evaluation").joinpath(LABELS_FILE).read_text(encoding="utf-8")
    labels = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        first, second, label = line.split("\t")[:3]
        if label in ("0", "1"):
            labels[frozenset((first, second))] = int(label)
    return labels


def split_of_pairs(keys: list[tuple[str, str]]) -> dict[str, str]:
    """Article key -> "dev" or "test": pairs linked by an article share a half."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for first, second in keys:
        parent[root(first)] = root(second)
    groups: dict[str, list[str]] = defaultdict(list)
    for key in list(parent):
        groups[root(key)].append(key)
    half = {}
    for members in groups.values():
        digest = hashlib.blake2b(min(members).encode(), digest_size=2).digest()[0]
        for key in members:
            half[key] = "dev" if digest % 2 == 0 else "test"
    return half


def build_pairs(found: list[Article], split: str, labels: dict[frozenset[str], int] | None = None) -> list[Pair]:
    """Three pipeline pairs per labelled article pair of `split` (KINDS), from the articles of
    articles()."""
    labels = read_labels() if labels is None else labels
    by_key = {a.key: a for a in found}
    keyed = sorted(tuple(sorted(pair)) for pair in labels if all(k in by_key for k in pair))
    half = split_of_pairs(keyed)
    return [pair for first, second in keyed if half[first] == split
            for pair in _three(by_key[first], by_key[second], labels[frozenset((first, second))])]


def _three(a: Article, b: Article, label: int) -> Iterator[Pair]:
    key = f"{a.key}~{b.key}"
    if hashlib.blake2b(key.encode(), digest_size=1).digest()[0] % 2:
        a, b = b, a
    sources = (a.key, b.key)
    yield _ordered(KINDS[0], a.title, b.title, label, key, sources)
    yield _ordered(KINDS[1], a.title, lead(b.body), label, key, sources)
    yield _ordered(KINDS[2], a.title, b.body, label, key, sources)
