"""The dedup stage: exact copies by canonical URL, near copies by MinHash LSH, reposts by story.

For each post it writes
- `content_hash`: a hash of the normalised text (equal texts, equal hashes; for storage and search),
- `duplicate_of`: the earlier post it repeats (same canonical URL, or bigram Jaccard >= threshold),
  else None. Nothing is dropped: two people posting the same text are still two posts.
- `story`: the id of the original a post belongs to. A repost's story comes, in this order, from
  the post it reposts (`parent_id`, when the source says so, e.g. Weibo's repost link: that
  post's story, or the parent id itself once the parent has left the window), from the quoted
  original at the end of a `//@someone:` chain, from the post it duplicates, else itself.
  (`parent_id` is optional and not in `reads`: no stage writes it; the collector does.)

Texts with too little content (under `min_chars` meaningful characters or about 9 distinct
bigrams; "转发微博", "哈哈", an empty repost) are never near-duplicates of anything: they get a
story only from an explicit repost link. State covers a sliding window of stream time (the
newest `created_at` seen), so memory stays bounded; see dedup_index.py.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Sequence

import numpy as np

from yuqing.analysis.dedup_index import Match, WindowIndex
from yuqing.analysis.minhash import MinHasher, meaningful_text
from yuqing.analysis.pipeline import Post
from yuqing.text.urls import canonical_url

_CHAIN = re.compile(r"//@[^:：/]{1,30}[:：]")
Lookup = tuple[Match | None, list[int], np.ndarray]  # best frozen match, band keys, signature
REFRESH_BELOW = 0.9  # a copy this close to what is indexed adds nothing: do not index it again


def content_hash(text_norm: str) -> str:
    """16 hex digits of BLAKE2b over the text with its whitespace collapsed."""
    canonical = " ".join(str(text_norm or "").split())
    return hashlib.blake2b(canonical.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def url_key(url: str) -> int | None:
    """64-bit key of a canonical URL (None when there is none); stable across processes."""
    canonical = canonical_url(url) if isinstance(url, str) and url.strip() else ""
    if not canonical:
        return None
    return int.from_bytes(hashlib.blake2b(canonical.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def quoted_original(text_norm: str) -> str:
    """The text after the last `//@name:` of a repost chain ("" when there is no chain)."""
    parts = _CHAIN.split(text_norm)
    return parts[-1] if len(parts) > 1 else ""


def _timestamp(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return None
    return float(value)


class DedupStage:
    name = "dedup"
    version = "1"
    reads = ("id", "url", "text_norm", "own_text", "created_at")
    writes = ("content_hash", "duplicate_of", "story")

    def __init__(self, window_hours: float = 72.0, threshold: float = 0.6, min_chars: int = 10,
                 slices: int = 24, hasher: MinHasher | None = None):
        self.threshold, self.min_chars = threshold, min_chars
        self.hasher = hasher or MinHasher()
        window = window_hours * 3600.0
        self.index = WindowIndex(window, window / slices, self.hasher.num_perm)
        self.clock = 0.0  # newest created_at seen: the window slides with stream time, not wall time
        self.story_of: dict[str, str] = {}
        self.story_size: dict[str, int] = {}
        self.url_first: dict[int, str] = {}

    def __call__(self, batch: list[Post]) -> None:
        # Signatures depend on the text only: one numpy pass for the whole batch. Lookups run in
        # stretches that end where the window changes (a slice freezes or leaves), so that the
        # result never depends on how the stream was cut into batches.
        times = [_timestamp(p.get("created_at")) for p in batch]
        texts, chains = self._texts(batch)
        signed = self._sign(texts)
        start = 0
        while start < len(batch):
            self._advance(times[start] if times[start] is not None else self.clock)
            end, clock, deadline = start + 1, self.clock, self.index.next_change()
            while end < len(batch):
                clock = max(clock, times[end] if times[end] is not None else clock)
                if clock >= deadline:
                    break
                end += 1
            self._run(batch, times, range(start, end), chains, signed)
            start = end

    def _sign(self, texts: list[str]) -> dict[int, tuple[list[int], np.ndarray]]:
        """Band keys and (16-bit) signature of every text with enough content, by row."""
        if not any(texts):
            return {}
        sigs = self.hasher.signatures(texts)
        rows = np.flatnonzero(self.hasher.usable(sigs))
        keys, small = self.hasher.band_keys(sigs[rows]), sigs[rows].astype(np.uint16)
        return {row: (key_list, small[j]) for j, (row, key_list) in enumerate(zip(rows.tolist(), keys.tolist()))}

    def _run(self, batch: list[Post], times: list[float | None], stretch: range, chains: dict[int, int],
             signed: dict[int, tuple[list[int], np.ndarray]]) -> None:
        wanted = [row for i in stretch for row in (i, chains.get(i)) if row in signed]
        found: dict[int, Lookup] = {row: (None, *signed[row]) for row in wanted}
        if wanted and len(self.index.keys):
            keys = np.array([signed[row][0] for row in wanted], dtype=np.uint64)
            frozen = self.index.frozen_matches(keys, np.vstack([signed[row][1] for row in wanted]))
            found = {row: (match, *signed[row]) for row, match in zip(wanted, frozen)}
        for i in stretch:
            self.clock = max(self.clock, times[i] if times[i] is not None else self.clock)
            chain = chains.get(i)
            self._one(batch[i], found.get(i), found.get(chain) if chain is not None else None)

    def story_count(self, story: str) -> int:
        """Posts of `story` still inside the window."""
        return self.story_size.get(story, 0)

    def warm_up(self, posts: Sequence[Post], batch_size: int = 1000) -> None:
        """Rebuild state from recently stored posts, oldest first (e.g. the last window at start-up).

        Their dedup fields are written again; the first of them may come out differently from
        their first run, which had more history. state_dict()/load_state() resume exactly.
        """
        for start in range(0, len(posts), batch_size):
            self(list(posts[start:start + batch_size]))

    def _texts(self, batch: list[Post]) -> tuple[list[str], dict[int, int]]:
        """Meaningful text of every post, then of every quoted original (row of it per post)."""
        texts, chains = [], {}
        quoted: list[str] = []
        for i, post in enumerate(batch):
            norm = post.get("text_norm")
            norm = norm if isinstance(norm, str) else ""
            text = meaningful_text(norm)
            texts.append(text if len(text) >= self.min_chars else "")
            original = meaningful_text(quoted_original(norm)) if "//@" in norm else ""
            if len(original) >= self.min_chars:
                chains[i] = len(batch) + len(quoted)
                quoted.append(original)
        return texts + quoted, chains

    def _one(self, post: Post, lookup: Lookup | None, chain: Lookup | None) -> None:
        post_id = str(post.get("id") or "")
        post["content_hash"] = content_hash(post.get("text_norm") or "")
        ukey = url_key(post.get("url") or "")
        copy = self._best(lookup, post_id) if lookup else None
        by_url = self.url_first.get(ukey) if ukey is not None else None
        duplicate = by_url if by_url not in (None, post_id) else copy[1] if copy else None
        if post_id in self.story_of:  # the same post delivered again: nothing new to learn
            post["duplicate_of"], post["story"] = duplicate, self.story_of[post_id]
            return
        story = self._story(post, post_id, duplicate, chain, copy)
        post["duplicate_of"], post["story"] = duplicate, story
        self._remember(post_id, story, ukey)
        if lookup and post_id and (copy is None or copy[0] < REFRESH_BELOW or self._old(copy)):
            self.index.insert(lookup[1], lookup[2], post_id, story)

    def _best(self, lookup: Lookup, post_id: str) -> Match | None:
        frozen, keys, sig = lookup
        live = self.index.live_match(keys, sig)
        best = live if frozen is None or (live is not None and live[0] > frozen[0]) else frozen
        return best if best is not None and best[0] >= self.threshold and best[1] != post_id else None

    def _story(self, post: Post, post_id: str, duplicate: str | None, chain: Lookup | None,
               copy: Match | None) -> str:
        parent = post.get("parent_id")
        if parent:  # a parent that left the window is still the best guess for the story
            return self.story_of.get(str(parent), str(parent))
        quoted = self._best(chain, post_id) if chain else None
        if quoted is not None:
            return quoted[2]
        if copy is not None and duplicate == copy[1]:
            return copy[2]
        if duplicate is not None:
            return self.story_of.get(duplicate, duplicate)
        return post_id or "?"

    def _remember(self, post_id: str, story: str, ukey: int | None) -> None:
        live = self.index.live
        assert live is not None
        live.newest = max(live.newest, self.clock)
        if not post_id:
            return
        self.story_of[post_id] = story
        self.story_size[story] = self.story_size.get(story, 0) + 1
        live.members.append(post_id)
        if ukey is not None and ukey not in self.url_first:
            self.url_first[ukey] = post_id
            live.url_keys.append(ukey)

    def _hasher_settings(self) -> list[int]:
        h = self.hasher
        return [h.num_perm, h.bands, h.probes, h.min_bigrams, h.seed]

    def _old(self, match: Match) -> bool:
        """Indexed more than half a window ago: index the copy too, so a long story stays findable."""
        return match[3] < self.clock - self.index.window / 2

    def _advance(self, newest: float) -> None:
        self.clock = max(self.clock, newest)
        for piece in self.index.advance(self.clock):
            self._forget(piece.members, piece.url_keys)

    def _forget(self, members: list[str], url_keys: list[int]) -> None:
        for post_id in members:
            story = self.story_of.pop(post_id, None)
            if story is not None:
                left = self.story_size.get(story, 1) - 1
                if left > 0:
                    self.story_size[story] = left
                else:
                    self.story_size.pop(story, None)
        for ukey in url_keys:
            self.url_first.pop(ukey, None)

    def state_dict(self) -> dict[str, Any]:
        """Everything needed to continue exactly where this stage stopped (picklable)."""
        return {"version": self.version, "hasher": self._hasher_settings(), "clock": self.clock,
                "story_of": dict(self.story_of),
                "story_size": dict(self.story_size), "url_first": dict(self.url_first),
                "index": self.index.state_dict()}

    def load_state(self, state: dict[str, Any]) -> None:
        if state.get("hasher") != self._hasher_settings():
            raise ValueError("dedup state was saved with other MinHash settings; rebuild it with warm_up()")
        self.clock = state["clock"]
        self.story_of, self.story_size = dict(state["story_of"]), dict(state["story_size"])
        self.url_first = dict(state["url_first"])
        self.index = WindowIndex.from_state(state["index"])
