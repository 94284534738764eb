"""One event's running state: its term centroid, opening text and places, hourly volume, lifecycle and title.

`Event` is the public snapshot (what the web side shows and stores); `EventState` is what the
clustering keeps per live event, small on purpose because a busy window holds many of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

HOUR = 3600.0
CENTROID_MAX = 64  # prune a centroid back to its strongest CENTROID_KEEP terms past this size
CENTROID_KEEP = 32
STORIES_MAX = 16  # stories followed per event for the title (the biggest ones survive)
TITLE_CHARS = 60
PLACES_MAX = 8  # division codes remembered per event (the first named)


@dataclass
class Event:
    """An event as seen at one moment. Times are unix seconds; lifecycle: emerging/peaking/fading.

    growth_per_hour is the event's posts over the last 60 minutes of stream time; lifecycle says
    whether that volume is rising (emerging), near the busiest hour so far (peaking) or well below
    it (fading: under half the peak, or nothing in the last hour).
    """

    id: str
    first_seen: float
    last_seen: float
    size: int = 0
    keywords: list[str] = field(default_factory=list)
    title: str = ""
    growth_per_hour: float = 0.0
    lifecycle: str = "emerging"
    merged_into: str | None = None


class EventState:
    __slots__ = ("id", "first_seen", "last_seen", "size", "centroid", "sumsq", "hour", "now_count",
                 "prev_count", "peak", "stories", "titles", "merged_into", "text", "places",
                 "content")

    def __init__(self, event_id: str, at: float):
        self.id, self.first_seen, self.last_seen, self.size = event_id, at, at, 0
        self.centroid: dict[str, float] = {}
        self.sumsq = 0.0
        self.hour, self.now_count, self.prev_count, self.peak = int(at // HOUR), 0, 0, 0
        self.stories: dict[str, int] = {}
        self.titles: dict[str, str] = {}
        self.merged_into: str | None = None
        self.text = ""  # the longest opening of its posts (event_signature.post_text), for term look-ups
        self.places: tuple[str, ...] = ()
        self.content = 0  # posts whose terms are in the centroid (not reposts placed by their story)

    def add_context(self, text: str, places: tuple[str, ...]) -> None:
        """A post's opening and places: the longer opening is kept, places are gathered."""
        if len(text) > len(self.text):
            self.text = text
        if places and len(self.places) < PLACES_MAX:
            self.places = tuple(dict.fromkeys(self.places + places))[:PLACES_MAX]

    def count(self, at: float, story: str, title: str, is_root: bool) -> None:
        """One more post at `at` (posts older than the current hour count in size only)."""
        self.size += 1
        self.first_seen, self.last_seen = min(self.first_seen, at), max(self.last_seen, at)
        hour = int(at // HOUR)
        if hour > self.hour:
            self.prev_count = self.now_count if hour == self.hour + 1 else 0
            self.hour, self.now_count = hour, 0
        if hour == self.hour:
            self.now_count += 1
            self.peak = max(self.peak, self.now_count)
        self._follow_story(story, title if is_root else "")

    def add_terms(self, vector: dict[str, float]) -> list[str]:
        """Add a post's unit vector; return terms dropped by pruning (their postings must go)."""
        self.content += 1
        centroid = self.centroid
        for term, weight in vector.items():
            old = centroid.get(term, 0.0)
            centroid[term] = old + weight
            self.sumsq += 2 * old * weight + weight * weight
        return self.prune() if len(centroid) > CENTROID_MAX else []

    def prune(self) -> list[str]:
        ranked = sorted(self.centroid.items(), key=lambda kv: (-kv[1], kv[0]))
        self.centroid = dict(ranked[:CENTROID_KEEP])
        self.sumsq = sum(w * w for w in self.centroid.values())
        return [term for term, _ in ranked[CENTROID_KEEP:]]

    def compact(self, terms: int = 8) -> None:
        """Shrink for dormancy: the strongest terms and the biggest story's title only, no opening."""
        self.text = ""
        self.centroid = dict(sorted(self.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:terms])
        self.sumsq = sum(w * w for w in self.centroid.values())
        if self.stories:
            top = max(self.stories, key=lambda s: (self.stories[s], s in self.titles))
            self.stories = {top: self.stories[top]}
            self.titles = {top: self.titles[top]} if top in self.titles else {}

    def cosine(self, vector: dict[str, float]) -> float:
        if not self.sumsq:
            return 0.0
        centroid = self.centroid
        return sum(w * centroid.get(t, 0.0) for t, w in vector.items()) / math.sqrt(self.sumsq)

    def absorb(self, other: "EventState") -> None:
        """Take in an event found to be the same one (counts add; the busier hour wins)."""
        self.size += other.size
        self.content += other.content
        self.first_seen, self.last_seen = min(self.first_seen, other.first_seen), max(self.last_seen, other.last_seen)
        if other.hour == self.hour:
            self.now_count, self.prev_count = self.now_count + other.now_count, self.prev_count + other.prev_count
        self.peak = max(self.peak, other.peak, self.now_count)
        for term, weight in other.centroid.items():
            self.centroid[term] = self.centroid.get(term, 0.0) + weight
        self.sumsq = sum(w * w for w in self.centroid.values())
        for story, n in other.stories.items():
            self._follow_story(story, other.titles.get(story, ""), n)
        self.add_context(other.text, other.places)
        other.merged_into = self.id

    def snapshot(self, clock: float, keyword_count: int = 8) -> Event:
        rate = self.rate(clock)
        return Event(self.id, self.first_seen, self.last_seen, self.size, self.keywords(keyword_count),
                     self.title(), round(rate, 2), self.lifecycle(clock, rate), self.merged_into)

    def keywords(self, count: int) -> list[str]:
        return [t for t, _ in sorted(self.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]

    def title(self) -> str:
        """Text of the event's biggest story's original (ties: the story seen first)."""
        best, best_count = "", 0
        for story, n in self.stories.items():
            if n > best_count and self.titles.get(story):
                best, best_count = self.titles[story], n
        return best

    def rate(self, clock: float) -> float:
        """Posts in the 60 minutes before `clock`, from two hourly buckets (linear in the older one)."""
        hour, into = int(clock // HOUR), (clock % HOUR) / HOUR
        if hour == self.hour:
            return self.now_count + self.prev_count * (1 - into)
        return self.now_count * (1 - into) if hour == self.hour + 1 else 0.0

    def lifecycle(self, clock: float, rate: float) -> str:
        if rate < 1 or rate < 0.5 * self.peak:
            return "fading"
        previous_hour = self.prev_count if int(clock // HOUR) == self.hour else self.now_count
        return "emerging" if rate > previous_hour else "peaking"

    def _follow_story(self, story: str, title: str, n: int = 1) -> None:
        stories = self.stories
        if story in stories or len(stories) < STORIES_MAX:
            stories[story] = stories.get(story, 0) + n
        else:  # full: a new story replaces the smallest one once it is at least as big
            smallest = min(stories, key=lambda s: (stories[s], s))
            if stories[smallest] > n:
                return
            del stories[smallest]
            self.titles.pop(smallest, None)
            stories[story] = n
        if title and story not in self.titles:
            self.titles[story] = " ".join(title.split())[:TITLE_CHARS]

    def state(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> "EventState":
        event = cls(state["id"], state["first_seen"])
        for name in cls.__slots__:
            if name in state:  # a state saved before `text`, `places` and `content` existed lacks them
                setattr(event, name, state[name])
        return event
