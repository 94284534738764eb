"""Keywords of a post: its terms ranked by term frequency × inverse document frequency.

The IDF starts from jieba's table (jieba/analyse/idf.txt, MIT licence, shipped inside the jieba
package, which yuqing depends on) and then learns from the stream: each table is read as
document frequencies of a corpus of `prior_documents` documents, to which every post with tokens
adds one document. After a few times `prior_documents` posts, the stream's own counts dominate:
Weibo's everyday words (转发, 哈哈) sink and a new place or name stands out until it is common.

With `learn=False` the weights never change, for runs that must be reproducible.
"""

from __future__ import annotations

import heapq
import math
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Iterable, Sequence

PRIOR_DOCUMENTS = 20_000
MAX_TERMS = 400_000  # distinct stream terms kept; beyond it the rarest are forgotten


class IdfTable:
    """Document frequencies: jieba's prior plus what the stream has shown so far."""

    def __init__(self, learn: bool = True, prior_documents: int = PRIOR_DOCUMENTS, max_terms: int = MAX_TERMS):
        self.learn = learn
        self.prior_documents = prior_documents
        self.max_terms = max_terms
        self.documents = 0
        self.counts: dict[str, int] = {}
        self._prior, self._prior_default = _jieba_prior_fractions()

    def add_document(self, terms: Iterable[str]) -> None:
        """Count one document holding `terms` (repeats inside it count once)."""
        if not self.learn:
            return
        counts = self.counts
        for term in set(terms):
            counts[term] = counts.get(term, 0) + 1
        self.documents += 1
        if len(counts) > self.max_terms:
            self._forget_rarest()

    def state_dict(self) -> dict:
        """What the stream taught it (the prior is rebuilt from jieba's table)."""
        return {"documents": self.documents, "counts": dict(self.counts)}

    def load_state(self, state: dict) -> None:
        self.documents, self.counts = state["documents"], dict(state["counts"])

    def in_prior(self, term: str) -> bool:
        """Whether the shipped prior (jieba's dictionary) knows the term: names and coined words it does not."""
        return term in self._prior

    def weight(self, term: str) -> float:
        """log(documents / documents holding term), prior and stream together, smoothed by one."""
        return self.weights([term])[0]

    def weights(self, terms: Iterable[str], without: int = 0) -> list[float]:
        """weight() of each term; one call per post keeps the lookups out of the loop.

        `without`: as if that many of the documents counted, each holding every one of `terms`,
        had not been (how rare the terms are outside an event of that many posts)."""
        prior, default, scale = self._prior.get, self._prior_default, self.prior_documents
        seen, log = self.counts.get, math.log
        documents = log(self.prior_documents + max(0, self.documents - without) + 1)
        if without:
            return [documents - log(scale * prior(term, default) + max(0, seen(term, 0) - without) + 1) for term in terms]
        return [documents - log(scale * prior(term, default) + seen(term, 0) + 1) for term in terms]

    def _forget_rarest(self) -> None:
        # drop the terms seen least often until a quarter of the room is free again
        target = self.max_terms * 3 // 4
        keep = heapq.nlargest(target, self.counts.items(), key=lambda item: item[1])
        self.counts = dict(keep)


def top_keywords(terms: Sequence[str], idf: IdfTable, count: int, boosted: Sequence[str] = ()) -> list[str]:
    """The `count` terms of highest tf × idf, best first; ties keep the order of first use.

    `boosted` terms (a title's) count twice. Single characters, numbers and [emoticons] are no
    keywords: they name no event.
    """
    frequency: dict[str, int] = {}
    for term in boosted:
        frequency[term] = frequency.get(term, 0) + 2
    for term in terms:
        frequency[term] = frequency.get(term, 0) + 1
    candidates = [term for term in frequency if len(term) > 1 and term[0] != "[" and not term.isdigit()]
    scored = [
        (frequency[term] * weight, -order, term)
        for order, (term, weight) in enumerate(zip(candidates, idf.weights(candidates)))
    ]
    scored.sort(reverse=True)  # a post has a few dozen terms: a plain sort beats a heap
    return [term for _, _, term in scored[:count]]


@cache
def _jieba_prior_fractions() -> tuple[dict[str, float], float]:
    """term → fraction of documents holding it, from jieba's idf.txt; and the median for others."""
    spec = find_spec("jieba")
    path = Path(spec.origin).parent / "analyse" / "idf.txt" if spec and spec.origin else None
    if path is None or not path.exists():
        return {}, 0.0  # no prior: the stream alone decides
    fractions: dict[str, float] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            term, _, idf = line.rstrip("\n").rpartition(" ")
            if term:
                fractions[term] = math.exp(-float(idf))
    median = sorted(fractions.values())[len(fractions) // 2] if fractions else 0.0
    return fractions, median
