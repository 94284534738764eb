"""A MinHash LSH index over a sliding time window, in time slices that are dropped whole.

Why slices of sorted numpy arrays rather than one dict per band: a Python dict entry costs about
93 bytes, so 16 bands x 1M posts would need 1.5 GB; a frozen slice stores a band entry in 12
bytes (uint64 key + int32 slot) and evicting old posts is dropping a slice. Only the current slice
is a dict, so that posts of one batch find each other.

A slot is one indexed post: its id, its story and its signature (low 16 bits of each bin, which
changes the similarity estimate by less than 1/65536).
"""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np

MAX_SLOTS_PER_KEY = 16  # a band shared by more posts than this is a template, not a lead
Match = tuple[float, str, str, float]  # similarity, post id, story, time the slice was last written


class Slice:
    """Posts of one stretch of stream time. `members`/`url_keys` cover every post, indexed or not."""

    def __init__(self, started: float):
        self.started = self.newest = started
        self.members: list[str] = []
        self.url_keys: list[int] = []
        self.ids: list[str] = []
        self.stories: list[str] = []
        self.buckets: dict[int, int | list[int]] = {}
        self.key_log: list[int] = []
        self.sig_rows: list[np.ndarray] = []
        self.keys = np.zeros(0, dtype=np.uint64)
        self.slots = np.zeros(0, dtype=np.int32)
        self.sigs = np.zeros((0, 0), dtype=np.uint16)

    def add(self, keys: list[int], sig: np.ndarray, post_id: str, story: str) -> None:
        slot = len(self.ids)
        self.ids.append(post_id)
        self.stories.append(story)
        self.sig_rows.append(sig)
        self.key_log.extend(keys)
        for key in keys:
            held = self.buckets.get(key)
            if held is None:
                self.buckets[key] = slot
            elif isinstance(held, int):
                self.buckets[key] = [held, slot]
            elif len(held) < MAX_SLOTS_PER_KEY:
                held.append(slot)

    def freeze(self, width: int) -> None:
        """Turn the dict into sorted arrays; the slice is read-only afterwards."""
        keys = np.array(self.key_log, dtype=np.uint64)
        slots = np.repeat(np.arange(len(self.ids), dtype=np.int32), len(keys) // max(1, len(self.ids)))
        order = np.argsort(keys, kind="stable")
        self.keys, self.slots = keys[order], slots[order]
        self.sigs = np.vstack(self.sig_rows) if self.sig_rows else np.zeros((0, width), np.uint16)
        self.buckets, self.key_log, self.sig_rows = {}, [], []

    def state(self) -> dict[str, Any]:
        frozen = not self.sig_rows and not self.key_log
        return {"started": self.started, "newest": self.newest, "members": list(self.members),
                "url_keys": list(self.url_keys), "ids": list(self.ids), "stories": list(self.stories),
                "frozen": frozen, "keys": self.keys.copy() if frozen else list(self.key_log),
                "slots": self.slots.copy(), "sigs": self.sigs.copy() if frozen else list(self.sig_rows)}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> "Slice":
        piece = cls(state["started"])
        piece.newest, piece.members, piece.url_keys = state["newest"], list(state["members"]), list(state["url_keys"])
        if state["frozen"]:
            piece.ids, piece.stories = list(state["ids"]), list(state["stories"])
            piece.keys, piece.slots, piece.sigs = state["keys"], state["slots"], state["sigs"]
            return piece
        bands = len(state["keys"]) // max(1, len(state["ids"]))
        for slot, post_id in enumerate(state["ids"]):
            keys = state["keys"][slot * bands:(slot + 1) * bands]
            piece.add(keys, state["sigs"][slot], post_id, state["stories"][slot])
        return piece

    def live_candidates(self, keys: list[int]) -> set[int]:
        found: set[int] = set()
        for key in keys:
            held = self.buckets.get(key)
            if held is not None:
                found.update((held,) if isinstance(held, int) else held)
        return found


class WindowIndex:
    """Near-duplicate lookups over the last `window` seconds of stream time."""

    def __init__(self, window: float, slice_seconds: float, width: int):
        self.window, self.slice_seconds, self.width = window, slice_seconds, width
        self.frozen: list[Slice] = []
        self.live: Slice | None = None

    def advance(self, clock: float) -> list[Slice]:
        """Freeze the live slice when its time is up; return the slices that left the window."""
        if self.live is None:
            self.live = Slice(clock)
        elif clock - self.live.started >= self.slice_seconds:
            self.live.freeze(self.width)
            self.frozen.append(self.live)
            self.live = Slice(clock)
        self.live.newest = max(self.live.newest, clock)
        expired = [s for s in self.frozen if s.newest < clock - self.window]
        self.frozen = [s for s in self.frozen if s.newest >= clock - self.window]
        return expired

    def next_change(self) -> float:
        """Stream time from which advance() would freeze or evict something."""
        due = [self.live.started + self.slice_seconds] if self.live else []
        due += [piece.newest + self.window + 1e-6 for piece in self.frozen[:1]]
        return min(due, default=float("inf"))

    def slices(self) -> list[Slice]:
        return self.frozen + ([self.live] if self.live else [])

    def frozen_matches(self, keys: np.ndarray, sigs: np.ndarray) -> list[Match | None]:
        """Best match of each row among frozen slices (ties: the oldest, earliest post)."""
        best: list[Match | None] = [None] * len(keys)
        for piece in self.frozen:
            for row, slot, sim in _slice_best(piece, keys, sigs):
                if best[row] is None or sim > best[row][0]:
                    best[row] = (sim, piece.ids[slot], piece.stories[slot], piece.newest)
        return best

    def live_match(self, keys: list[int], sig: np.ndarray) -> Match | None:
        live = self.live
        if live is None:
            return None
        best: Match | None = None
        for slot in sorted(live.live_candidates(keys)):
            sim = float(np.count_nonzero(live.sig_rows[slot] == sig)) / self.width
            if best is None or sim > best[0]:
                best = (sim, live.ids[slot], live.stories[slot], live.newest)
        return best

    def insert(self, keys: list[int], sig: np.ndarray, post_id: str, story: str) -> None:
        assert self.live is not None, "advance() before insert()"
        self.live.add(keys, sig, post_id, story)

    def state_dict(self) -> dict[str, Any]:
        """Plain lists and numpy arrays (picklable); the live slice is stored slot by slot."""
        return {"window": self.window, "slice_seconds": self.slice_seconds, "width": self.width,
                "frozen": [p.state() for p in self.frozen],
                "live": self.live.state() if self.live else None}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> "WindowIndex":
        index = cls(state["window"], state["slice_seconds"], state["width"])
        index.frozen = [Slice.from_state(p) for p in state["frozen"]]
        index.live = Slice.from_state(state["live"]) if state["live"] else None
        return index


def _slice_best(piece: Slice, keys: np.ndarray, sigs: np.ndarray) -> Iterable[tuple[int, int, float]]:
    """(row, slot, similarity) of the best candidate of each query row that has one in `piece`."""
    if not len(piece.keys) or not len(keys):
        return []
    bands = keys.shape[1]
    query = keys.reshape(-1)
    left = np.searchsorted(piece.keys, query)
    hit = piece.keys[np.minimum(left, len(piece.keys) - 1)] == query
    if not hit.any():
        return []
    at = np.flatnonzero(hit)
    right = np.searchsorted(piece.keys, query[at], side="right")
    counts = np.minimum(right - left[at], MAX_SLOTS_PER_KEY)
    starts = np.repeat(left[at] - (np.cumsum(counts) - counts), counts)
    positions = starts + np.arange(counts.sum())
    rows = np.repeat(at // bands, counts)
    slots = piece.slots[positions]
    pairs = np.unique(rows.astype(np.int64) << 32 | slots)
    rows, slots = (pairs >> 32).astype(np.intp), (pairs & 0xFFFFFFFF).astype(np.intp)
    sims = np.count_nonzero(piece.sigs[slots] == sigs[rows], axis=1) / piece.sigs.shape[1]
    order = np.lexsort((slots, -sims, rows))
    first = np.ones(len(order), dtype=bool)
    first[1:] = rows[order][1:] != rows[order][:-1]
    chosen = order[first]
    return zip(rows[chosen].tolist(), slots[chosen].tolist(), sims[chosen].tolist())


