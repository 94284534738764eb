"""A MinHash LSH index over a sliding window of stream time, forgotten one time slice at a time.

Why sorted numpy arrays rather than one dict per band: a Python dict entry costs about 93 bytes,
so 16 bands x 1M posts would take 1.5 GB; here a band entry is 16 bytes (uint64 key + int64 row)
and a post's signature 128 bytes (the low 16 bits of each bin, which moves the similarity
estimate by less than 1/65536). Only the current slice is a dict, so that the posts of one batch
find each other; when its time is up it is merged into the sorted arrays ("frozen"). Rows are
numbered globally in arrival order, so leaving the window is cutting rows off the front.
"""

from __future__ import annotations

import bisect
from typing import Any

import numpy as np

MAX_ROWS_PER_KEY = 16  # a band shared by more posts than this is a template, not a lead
Match = tuple[float, str, str, float]  # similarity, post id, story, newest time of its slice


class Slice:
    """One stretch of stream time. `members`/`url_keys` list every post, indexed or not."""

    def __init__(self, started: float):
        self.started = self.newest = started
        self.first_row = 0  # global row of its first indexed post, once frozen
        self.members: list[str] = []
        self.url_keys: list[int] = []
        self.ids: list[str] = []
        self.stories: list[str] = []
        self.buckets: dict[int, int | list[int]] = {}
        self.key_log: list[int] = []
        self.sig_rows: list[np.ndarray] = []

    def add(self, keys: list[int], sig: np.ndarray, post_id: str, story: str) -> None:
        slot = len(self.ids)
        self.ids.append(post_id)
        self.stories.append(story)
        self.sig_rows.append(sig)
        self.key_log.extend(keys)
        buckets = self.buckets
        for key in keys:
            held = buckets.get(key)
            if held is None:
                buckets[key] = slot
            elif isinstance(held, int):
                buckets[key] = [held, slot]
            elif len(held) < MAX_ROWS_PER_KEY:
                held.append(slot)

    def candidates(self, keys: list[int]) -> list[int]:
        found: set[int] = set()
        buckets = self.buckets
        for key in keys:
            held = buckets.get(key)
            if held is not None:
                found.update((held,) if isinstance(held, int) else held)
        return sorted(found)

    def state(self) -> dict[str, Any]:
        return {"started": self.started, "newest": self.newest, "first_row": self.first_row,
                "members": list(self.members), "url_keys": list(self.url_keys), "ids": list(self.ids),
                "stories": list(self.stories), "key_log": list(self.key_log), "sig_rows": list(self.sig_rows)}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> "Slice":
        piece = cls(state["started"])
        piece.newest, piece.first_row = state["newest"], state["first_row"]
        piece.members, piece.url_keys = list(state["members"]), list(state["url_keys"])
        bands = len(state["key_log"]) // max(1, len(state["ids"]))
        for slot, post_id in enumerate(state["ids"]):
            keys = state["key_log"][slot * bands:(slot + 1) * bands]
            piece.add(keys, state["sig_rows"][slot], post_id, state["stories"][slot])
        return piece


class WindowIndex:
    """Near-duplicate lookups over the last `window` seconds of stream time."""

    def __init__(self, window: float, slice_seconds: float, width: int):
        self.window, self.slice_seconds, self.width = window, slice_seconds, width
        self.frozen: list[Slice] = []  # metadata only: their rows live in the arrays below
        self.live: Slice | None = None
        self.base = 0  # global row number of sigs[0]
        self.keys = np.zeros(0, dtype=np.uint64)  # sorted band keys ...
        self.rows = np.zeros(0, dtype=np.int64)  # ... and the global row each belongs to
        self.sigs = np.zeros((0, width), dtype=np.uint16)
        self.ids: list[str] = []
        self.stories: list[str] = []

    def advance(self, clock: float) -> list[Slice]:
        """Freeze the live slice when its time is up; return the slices that left the window."""
        if self.live is None:
            self.live = Slice(clock)
        elif clock - self.live.started >= self.slice_seconds:
            self._freeze(self.live)
            self.live = Slice(clock)
        expired = [s for s in self.frozen if s.newest < clock - self.window]
        if expired:
            self._evict(expired)
        return expired

    def next_change(self) -> float:
        """Stream time from which advance() would freeze or evict something."""
        due = [self.live.started + self.slice_seconds] if self.live else []
        due += [piece.newest + self.window + 1e-6 for piece in self.frozen[:1]]
        return min(due, default=float("inf"))

    def slices(self) -> list[Slice]:
        return self.frozen + ([self.live] if self.live else [])

    def indexed(self) -> int:
        return len(self.ids) + (len(self.live.ids) if self.live else 0)

    def frozen_matches(self, keys: np.ndarray, sigs: np.ndarray) -> list[Match | None]:
        """Best frozen match of each query row (ties: the earliest post)."""
        best: list[Match | None] = [None] * len(keys)
        for row, global_row, sim in _best_rows(self.keys, self.rows, keys, sigs, self.sigs, self.base):
            at = global_row - self.base
            best[row] = (sim, self.ids[at], self.stories[at], self._newest_of(global_row))
        return best

    def live_match(self, keys: list[int], sig: np.ndarray) -> Match | None:
        live, best = self.live, None
        if live is None:
            return None
        for slot in live.candidates(keys):
            sim = float(np.count_nonzero(live.sig_rows[slot] == sig)) / self.width
            if best is None or sim > best[0]:
                best = (sim, live.ids[slot], live.stories[slot], live.newest)
        return best

    def insert(self, keys: list[int], sig: np.ndarray, post_id: str, story: str) -> None:
        assert self.live is not None, "advance() before insert()"
        self.live.add(keys, sig, post_id, story)

    def _newest_of(self, global_row: int) -> float:
        firsts = [piece.first_row for piece in self.frozen]
        return self.frozen[max(0, bisect.bisect_right(firsts, global_row) - 1)].newest

    def _freeze(self, piece: Slice) -> None:
        piece.first_row = self.base + len(self.ids)
        if piece.ids:
            bands = len(piece.key_log) // len(piece.ids)
            new_rows = np.repeat(np.arange(len(piece.ids), dtype=np.int64) + piece.first_row, bands)
            keys = np.concatenate([self.keys, np.array(piece.key_log, dtype=np.uint64)])
            rows = np.concatenate([self.rows, new_rows])
            order = np.argsort(keys, kind="stable")  # equal keys stay in arrival order
            self.keys, self.rows = keys[order], rows[order]
            self.sigs = np.vstack([self.sigs, np.vstack(piece.sig_rows)])
            self.ids += piece.ids
            self.stories += piece.stories
        piece.ids, piece.stories, piece.buckets, piece.key_log, piece.sig_rows = [], [], {}, [], []
        self.frozen.append(piece)

    def _evict(self, expired: list[Slice]) -> None:
        self.frozen = self.frozen[len(expired):]  # slices leave oldest first
        cut = (self.frozen[0].first_row if self.frozen else self.base + len(self.ids)) - self.base
        self.base += cut
        self.sigs = self.sigs[cut:].copy()
        self.ids, self.stories = self.ids[cut:], self.stories[cut:]
        keep = self.rows >= self.base
        self.keys, self.rows = self.keys[keep], self.rows[keep]

    def state_dict(self) -> dict[str, Any]:
        """Plain lists and numpy arrays (picklable)."""
        names = ("window", "slice_seconds", "width", "base", "keys", "rows", "sigs", "ids", "stories")
        state = {name: getattr(self, name) for name in names}
        state["frozen"] = [piece.state() for piece in self.frozen]
        state["live"] = self.live.state() if self.live else None
        return state

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> "WindowIndex":
        index = cls(state["window"], state["slice_seconds"], state["width"])
        for name in ("base", "keys", "rows", "sigs", "ids", "stories"):
            setattr(index, name, state[name])
        index.frozen = [Slice.from_state(piece) for piece in state["frozen"]]
        index.live = Slice.from_state(state["live"]) if state["live"] else None
        return index


def _best_rows(index_keys: np.ndarray, index_rows: np.ndarray, keys: np.ndarray, sigs: np.ndarray,
               index_sigs: np.ndarray, base: int) -> list[tuple[int, int, float]]:
    """(query row, global row, similarity) of the best candidate of each query row that has one."""
    if not len(index_keys) or not len(keys):
        return []
    query = keys.reshape(-1)
    left = np.searchsorted(index_keys, query)
    hit = index_keys[np.minimum(left, len(index_keys) - 1)] == query
    if not hit.any():
        return []
    at = np.flatnonzero(hit)
    counts = np.minimum(np.searchsorted(index_keys, query[at], side="right") - left[at], MAX_ROWS_PER_KEY)
    positions = np.repeat(left[at] - (np.cumsum(counts) - counts), counts) + np.arange(counts.sum())
    pairs = np.unique(np.repeat(at // keys.shape[1], counts).astype(np.int64) << 40 | index_rows[positions])
    query_rows, rows = pairs >> 40, pairs & ((1 << 40) - 1)
    sims = np.count_nonzero(index_sigs[rows - base] == sigs[query_rows], axis=1) / sigs.shape[1]
    order = np.lexsort((rows, -sims, query_rows))
    first = np.ones(len(order), dtype=bool)
    first[1:] = query_rows[order][1:] != query_rows[order][:-1]
    chosen = order[first]
    return list(zip(query_rows[chosen].tolist(), rows[chosen].tolist(), sims[chosen].tolist()))
