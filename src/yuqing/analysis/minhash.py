"""MinHash signatures of character bigrams for a whole batch at once, in numpy.

The scheme is one-permutation hashing (each bigram hash picks a bin and a value; a bin keeps its
minimum) with several probes per bigram and optimal densification of the bins left empty
(Shrivastava 2017). Its cost grows with the characters of a text, not characters x permutations,
and the share of equal bins of two signatures estimates the Jaccard similarity of their bigram sets.

Why our own and not rensa/gaoya/datasketch (numbers: bench/dedup_cluster.py): on short posts it
costs about what rensa's compiled digest does, it stays linear on long articles, and it gives
bit-identical signatures wherever numpy runs (ARM64 included), so there is no fallback with
different results. rensa's digests cannot be reproduced outside rensa (its hashing has changed
between releases); datasketch is about 100x slower per post.

All constants come from SplitMix64 mixing of fixed numbers, never from an RNG stream that could
change between numpy versions.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np

# Text that says nothing about content: @mentions, links, [emoticons], punctuation and spaces.
_NOISE = re.compile(r"@[^\s:：@,，。!！?？]{1,30}|https?://\S+|\[[^\[\]]{1,8}\]|[\W_]+")
EMPTY = np.uint32(0xFFFFFFFF)
_U64 = np.uint64
_MAX_PROBES = 1024  # densification attempts before a bin falls back to the row minimum
# Only the start of a very long text is hashed: two pages that agree on their first 2,000
# characters of content are reprints for our purposes, and the cost per post stays bounded.
MAX_CHARS = 2000


def meaningful_text(text: str) -> str:
    """The characters that carry content: what signatures are computed over."""
    return _NOISE.sub("", text[: 4 * MAX_CHARS])[:MAX_CHARS]


def mix64(values: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser over a uint64 array (wrapping arithmetic is intended), in place on a copy."""
    z = values + _U64(0x9E3779B97F4A7C15)
    with np.errstate(over="ignore"):
        for shift, multiplier in ((30, 0xBF58476D1CE4E5B9), (27, 0x94D049BB133111EB)):
            z ^= z >> _U64(shift)
            z *= _U64(multiplier)
    z ^= z >> _U64(31)
    return z


class MinHasher:
    """Signatures of `num_perm` bins, LSH keys of `bands` bands, similarity of two signatures.

    A text needs `min_bigrams` distinct bigrams to get a signature at all; below that its
    row stays EMPTY ("哈哈哈哈哈哈" has one bigram: too little content to call anything a copy).
    """

    def __init__(self, num_perm: int = 64, bands: int = 16, probes: int = 3,
                 min_bigrams: int = 9, seed: int = 0x59757169):
        if num_perm & (num_perm - 1) or num_perm % bands:
            raise ValueError("num_perm must be a power of two and a multiple of bands")
        self.num_perm, self.bands, self.probes, self.seed = num_perm, bands, probes, seed
        self.min_bigrams = min_bigrams
        self._shift = _U64(64 - (num_perm.bit_length() - 1))
        # probe k rehashes a (well mixed) bigram hash by an odd multiplier: multiply-shift hashing
        self._probe_multipliers = mix64(np.arange(probes, dtype=np.uint64) + _U64(seed)) | _U64(1)
        self._band_weights = mix64(np.arange(num_perm // bands, dtype=np.uint64) ^ _U64(seed)) | _U64(1)
        self._band_salt = mix64(np.arange(bands, dtype=np.uint64) + _U64(seed << 8))
        self._dense_probes = self._probe_table()

    def signatures(self, texts: Sequence[str]) -> np.ndarray:
        """One uint32 row per text (pass meaningful_text output); EMPTY rows for too-short texts."""
        n, width = len(texts), self.num_perm
        sig = np.full((n, width), EMPTY, dtype=np.uint32)
        bigrams, doc = self._bigram_hashes(texts)
        if len(bigrams):
            with np.errstate(over="ignore"):
                hashes = (self._probe_multipliers[:, None] * bigrams[None, :]).reshape(-1)
            cells = np.tile(doc, self.probes) * width + (hashes >> self._shift).astype(np.intp)
            values = np.minimum((hashes >> _U64(24)) & _U64(0xFFFFFFFF), _U64(0xFFFFFFFE)).astype(np.uint32)
            np.minimum.at(sig.reshape(-1), cells, values)
            sig[self._too_few_bigrams(sig, bigrams, doc)] = EMPTY
            self._densify(sig)
        return sig

    def band_keys(self, sig: np.ndarray) -> np.ndarray:
        """(n, bands) uint64 keys: rows sharing a key agree on every bin of that band."""
        rows = sig.astype(np.uint64).reshape(len(sig), self.bands, self.num_perm // self.bands)
        with np.errstate(over="ignore"):
            combined = (rows * self._band_weights).sum(axis=2, dtype=np.uint64)
        return mix64(combined ^ self._band_salt)

    @staticmethod
    def usable(sig: np.ndarray) -> np.ndarray:
        """Rows with enough content to be compared (the others are all EMPTY)."""
        return sig[..., 0] != EMPTY

    def similarity(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Estimated Jaccard similarity of bigram sets: the share of equal bins (rows or matrices)."""
        return np.count_nonzero(a == b, axis=-1) / self.num_perm

    def _bigram_hashes(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Hash of every bigram that lies inside one text, and the index of that text."""
        lengths = np.fromiter((len(t) for t in texts), dtype=np.intp, count=len(texts))
        points = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        doc = np.repeat(np.arange(len(texts), dtype=np.intp), lengths)
        inside = doc[:-1] == doc[1:]
        points = points.astype(np.uint64)
        bigrams = ((points[:-1] << _U64(21)) | points[1:])[inside]  # code points fit in 21 bits
        return mix64(bigrams ^ _U64(self.seed)), doc[:-1][inside]

    def _too_few_bigrams(self, sig: np.ndarray, bigrams: np.ndarray, doc: np.ndarray) -> np.ndarray:
        """Rows with under min_bigrams distinct bigrams. A bigram fills at most `probes` bins, so
        only rows with few filled bins need counting (44 bits of hash: collisions negligible)."""
        filled = np.count_nonzero(sig != EMPTY, axis=1)
        doubtful = filled < self.probes * self.min_bigrams
        mine = doubtful[doc]
        tagged = np.unique((doc[mine].astype(np.uint64) << _U64(44)) | (bigrams[mine] >> _U64(20)))
        distinct = np.bincount((tagged >> _U64(44)).astype(np.intp), minlength=len(sig))
        return doubtful & (distinct < self.min_bigrams)

    def _densify(self, sig: np.ndarray) -> None:
        """An empty bin copies the first filled bin of its own fixed probe sequence.

        The sequence depends only on the bin and the attempt, never on the text, so two texts
        with the same bigrams fill their empty bins the same way.
        """
        width = self.num_perm
        flat = sig.reshape(-1)
        filled = flat != EMPTY
        has_any = np.repeat(filled.reshape(len(sig), width).any(axis=1), width)
        empty = np.flatnonzero(~filled & has_any)
        column = empty & (width - 1)
        row_start = empty - column
        source = flat.copy()
        for attempt in range(_MAX_PROBES):
            if not len(empty):
                return
            probe = row_start + self._dense_probes[attempt][column]
            hit = filled[probe]
            flat[empty[hit]] = source[probe[hit]]
            miss = ~hit
            empty, column, row_start = empty[miss], column[miss], row_start[miss]
        flat[empty] = sig.min(axis=1).repeat(width)[empty]  # practically unreachable

    def _probe_table(self) -> np.ndarray:
        attempts = np.arange(_MAX_PROBES, dtype=np.uint64)[:, None] << _U64(32)
        keys = attempts | np.arange(self.num_perm, dtype=np.uint64)[None, :]
        return (mix64(keys ^ _U64(self.seed * 31)) >> self._shift).astype(np.intp)
