"""Incremental event clustering: every post joins an event or starts one, in one pass.

A post that repeats another (same `story`, set by the dedup stage) joins the event of what it
repeats, whatever its own words. Any other post with content is a unit vector of its terms (its
keywords and the words of its opening, event_signature.py), weighted by inverse document
frequency (jieba's table as a prior, then the stream's own counts), and is scored against the
live events that share some of its terms: the mean of the cosine to the event's centroid and the
coverage (the share of the shorter side's strongest terms found in the longer side's opening),
plus a little when both name the same city or county, never when both name places on different
branches. It joins the best event that scores at least `threshold` and shares real evidence:
MIN_SHARED terms found, the two rarest of them together at least EVIDENCE in IDF (two words of
one post in a thousand or so, such as a place, a name, a number, not 交通安全 and 判决书), or
EVIDENCE_COVERED when the shorter side's strongest terms are nearly all found (COVERED: a headline
told again in the article's lead). Two short texts, a headline against a post or a lead, get
HEADLINE_BONUS on the score when their evidence is strong and one shared term names the incident
(a number, a word the prior does not know, or one city on both sides). Else it
starts an event whose id is "ev-" + its own id (deterministic: the same stream gives the same
ids). A post with neither words nor a link gets its own event id too, but the store keeps only
its time until a repost links to it (most such posts are never reposted; see bench memory). When
a post is close to two events that are also close to each other (`merge_threshold`, on the
cosine), the younger is merged into the older. Events idle for `idle_hours` of stream time are
retired, so memory follows the live window, not the history; a retired event with two or more
posts stays dormant (compacted, no longer matched by content) for `memory_hours`, so that a late
repost of its story revives it under the same id instead of splitting the story into a new event.

The settings (threshold, EVIDENCE, the sizes in event_signature.py; in version 3 COVERED,
EVIDENCE_COVERED and the headline ones, picked on one half of the development half by article
hash and checked on its other half) were chosen on the development half of the same-event pairs and are measured on the other half: see
docs/model-card-events.md and `yuqing eval --only events`.

Candidate events come from an inverted index (term -> most recently active events having it,
capped), so the cost per post stays flat as events accumulate. Version 4 adds one candidate
found through the words of the openings beyond the vectors (a headline's words in an article's
second paragraph; `openings` indexes an event's other opening words): it joins only with
OPENING_EVIDENCE.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any, Sequence

from yuqing.analysis.event_signature import (coverage, opening_terms, place_relation, post_places, post_terms,
                                             post_text, score)
from yuqing.analysis.event_state import Event, EventState
from yuqing.analysis.keywords import IdfTable
from yuqing.analysis.pipeline import Post

POSTINGS_MAX = 16  # events remembered per term: the most recently active ones
PROBE_TERMS = 32  # strongest terms of a post used to find candidate events
VECTOR_TERMS = 32
RESCORE = 3  # candidates rescored with the full score
OPENING_RESCORE = 1  # ... and this many more found only through opening words (opening_terms) beyond the vectors,
OPENING_EVIDENCE = 16.0  # ... which need this much evidence (the two rarest shared terms, as EVIDENCE)
MIN_TERMS = 2  # fewer distinct terms than this: too little to place a post by content
MIN_SHARED = 2  # terms of the shorter side found in the longer one, at least, to join
EVIDENCE = 14.5  # the IDF of the two rarest of them, summed: two words each in about 1 post in 1,400 (log 1400 = 7.25)
COVERED = 0.7  # coverage this high (the shorter side's strongest terms nearly all found) ...
EVIDENCE_COVERED = 12.0  # ... needs only this much rarity: a headline told again in full in an article's lead
HEADLINE_CHARS = 60  # the shorter side is a headline or a one-line post ...
SHORT_CHARS = 300  # ... and the longer one a short post or a lead, not an article: two short texts
HEADLINE_EVIDENCE = 16.0  # when two short texts share this rare a pair of terms, one of them identifying (identifying()) ...
HEADLINE_BONUS = 0.05  # ... the score gets this much: a 15-character headline and a 120-character lead share few words


class EventStore:
    """Live (and dormant) events, the story -> event links and the stream's term statistics."""

    opening_rescore = OPENING_RESCORE

    def __init__(self, threshold: float = 0.3, merge_threshold: float = 0.6, idle_hours: float = 24.0,
                 memory_hours: float = 168.0):
        self.threshold, self.merge_threshold, self.idle = threshold, merge_threshold, idle_hours * 3600.0
        self.memory = max(memory_hours * 3600.0, self.idle)
        self.live: dict[str, EventState] = {}
        self.dormant: dict[str, EventState] = {}
        self.quiet: dict[str, float] = {}  # events of one post without words or links: id -> time
        self.merged: dict[str, str] = {}
        self.story_event: dict[str, str] = {}
        self.postings: dict[str, dict[str, float]] = {}
        self.openings: dict[str, dict[str, None]] = {}  # opening word outside the centroid -> events
        self.idf = IdfTable()
        self.clock = 0.0
        self._next_sweep = 0.0

    def add(self, post: Post) -> str:
        """Place one post; return its event id."""
        post_id, story = str(post.get("id") or ""), str(post.get("story") or "")
        at = _timestamp(post.get("created_at"), self.clock)
        self._tick(at)
        linked = bool(story) and story != post_id
        event = self._story_event(story) if linked else None
        vector = None if event else self.vector(post_terms(post))
        text, places = (post_text(post), post_places(post)) if vector else ("", ())
        opening = opening_terms(post, vector) if vector else []
        if event is None and vector:
            event = self._match(vector, text, places, opening)
        founding = event is None
        if founding:
            event = f"ev-{post_id or story or _anonymous(post)}"
            if not linked and not vector and event not in self.live:
                self.quiet[event] = at  # no words, no link: an event only if someone reposts it
                return event
            self._found(event, at)
        state = self.live[event]
        state.count(at, story or post_id, _title(post), not linked or founding)
        if vector and (founding or not linked):
            self._add_terms(state, vector)
            state.add_context(text, places)
            self._post_opening(state, opening)
        if story and self._story_event(story) is None:
            self.story_event[story] = event
        return event

    def _story_event(self, story: str) -> str | None:
        """The live event of a story, reviving it if it was dormant or quiet."""
        quiet = self.quiet.pop(f"ev-{story}", None)
        if quiet is not None:  # the story's original had no words; now it has a repost
            self.live[f"ev-{story}"] = EventState(f"ev-{story}", quiet)
            self.live[f"ev-{story}"].count(quiet, story, "", True)
            self.story_event[story] = f"ev-{story}"
        event = self.story_event.get(story)
        while event is not None and event in self.merged:
            event = self.merged[event]
        if event in self.dormant:
            state = self.live[event] = self.dormant.pop(event)
            self._post_terms(state, state.centroid)
        return event if event in self.live else None

    def resolve(self, event_id: str | None) -> str | None:
        """The live event an id stands for now (following merges), or None if retired."""
        while event_id is not None and event_id not in self.live:
            event_id = self.merged.get(event_id)
        return event_id

    def events(self, include_merged: bool = False) -> list[Event]:
        """Snapshots of the live events, oldest first; merged ones too when asked."""
        live = [s.snapshot(self.clock) for s in self.live.values()]
        if include_merged:
            live += [Event(old, 0.0, 0.0, merged_into=new) for old, new in self.merged.items()]
        return sorted(live, key=lambda e: (e.first_seen, e.id))

    def vector(self, terms: Sequence[str], learn: bool = True) -> dict[str, float] | None:
        """Unit IDF vector of a post's distinct terms (strongest first); None when too few.

        With learn=True the terms also count towards document frequencies (as every clustered
        post does); learn=False only reads them (for evaluation).
        """
        if len(terms) < MIN_TERMS:
            return None
        if learn:
            self.idf.add_document(terms)
        weights = zip(terms, self.idf.weights(terms))
        strongest = sorted(((t, w) for t, w in weights if w > 0), key=lambda kv: (-kv[1], kv[0]))[:VECTOR_TERMS]
        norm = math.sqrt(sum(w * w for _, w in strongest))
        return {t: w / norm for t, w in strongest} if len(strongest) >= MIN_TERMS else None

    def _match(self, vector: dict[str, float], text: str, places: tuple[str, ...],
               opening: Sequence[str] = ()) -> str | None:
        partial: dict[str, float] = {}
        postings = self.postings
        for term in list(vector)[:PROBE_TERMS]:
            weight = vector[term]
            for event, centroid_weight in postings.get(term, {}).items():
                partial[event] = partial.get(event, 0.0) + weight * centroid_weight
        live = self.live
        ranked = sorted(partial, key=lambda e: (-partial[e] / math.sqrt(live[e].sumsq), e))[:RESCORE]
        # the post's terms among openings only when no event has them: looked up always, they
        # found generic headlines' events for generic articles in a crowded stream (model card)
        extra = self._opening_candidates(vector if not ranked else {}, opening, ranked)
        if not ranked and not extra:
            return None
        scored = sorted([self._score(live[e], vector, text, places) + (e,) for e in ranked]
                        + [self._score(live[e], vector, text, places, OPENING_EVIDENCE) + (e,) for e in extra],
                        key=lambda s: (-s[0], s[2]))
        best, cosine, event = scored[0]
        if best < self.threshold:
            return None
        second = max((s for s in scored[1:] if s[0] >= self.threshold), key=lambda s: s[1], default=None)
        if second is not None and min(cosine, second[1]) >= self.merge_threshold:
            return self._maybe_merge(event, second[2])
        return event

    def _opening_candidates(self, vector: dict[str, float], opening: Sequence[str], ranked: list[str]) -> list[str]:
        """Events that share no strong term with the post but meet it in an opening: the post's
        terms among an article's opening words, or the post's own opening words among an
        event's terms (a headline's words sit in an article's third sentence, not among its 32
        rarest). The best OPENING_RESCORE not yet ranked, by the weight of what they share."""
        found: dict[str, float] = {}
        openings, live = self.openings, self.live
        for term in list(vector)[:PROBE_TERMS]:
            for event in openings.get(term, ()):
                found[event] = found.get(event, 0.0) + vector[term]
        postings = self.postings
        for term in opening:
            for event, weight in postings.get(term, {}).items():
                found[event] = found.get(event, 0.0) + weight / math.sqrt(live[event].sumsq)
        fresh = [e for e in found if e in live and e not in ranked]
        return sorted(fresh, key=lambda e: (-found[e], e))[:self.opening_rescore]

    def _score(self, state: EventState, vector: dict[str, float], text: str,
               places: tuple[str, ...], floor: float = 0.0) -> tuple[float, float]:
        """(score, cosine) of a post for an event; the score is -1 when places conflict or the
        evidence is too thin (fewer than MIN_SHARED terms found, the two rarest under EVIDENCE,
        or under `floor`)."""
        relation = place_relation(places, state.places)
        if relation < 0:
            return -1.0, 0.0
        cosine = state.cosine(vector)
        if len(text) <= len(state.text):  # the post is the shorter side: its terms in the event's opening or words
            cover, hits = self._coverage(vector, state.text, state.centroid)
        else:  # the event's strongest terms in the post's opening or words
            cover, hits = self._coverage(state.centroid, text, vector)
        # rarity outside the event: a big event makes its own words common, which is no reason to stop joining it
        if len(hits) < MIN_SHARED:
            return -1.0, cosine
        evidence = sum(sorted(self.idf.weights(hits, without=state.content))[-2:])
        if evidence < max(floor, EVIDENCE_COVERED if cover >= COVERED else EVIDENCE):
            return -1.0, cosine
        shorter, longer = sorted((len(text), len(state.text)))
        headline = (shorter <= HEADLINE_CHARS and longer <= SHORT_CHARS and evidence >= HEADLINE_EVIDENCE
                    and (relation > 0 or self._identifying(hits)))
        return score(cosine, cover, relation) + (HEADLINE_BONUS if headline else 0.0), cosine

    def _coverage(self, weights: dict[str, float], text: str, known: dict[str, float]) -> tuple[float, list[str]]:
        """event_signature.coverage(); the seam where scripts/event_read_rules.py tries other ways
        of finding the shorter side's terms in the longer side."""
        return coverage(weights, text, known)

    def _identifying(self, terms: Sequence[str]) -> bool:
        """Whether some term names this incident rather than its kind: a number or a word the
        prior does not know (a name: 汪荣波). 起火 and 消防员 are rare enough in the prior, yet every
        fire has them (a term of three or more characters was tried too: 消防员 is one)."""
        return any(not self.idf.in_prior(t) or any(c.isdigit() for c in t) for t in terms)

    def _maybe_merge(self, a: str, b: str) -> str:
        first, second = self.live[a], self.live[b]
        overlap = second.cosine({t: w / math.sqrt(first.sumsq) for t, w in first.centroid.items()})
        if overlap < self.merge_threshold:
            return a
        keep, gone = sorted((first, second), key=lambda s: (s.first_seen, s.id))
        self._drop_postings(gone, gone.centroid)
        keep.absorb(gone)
        del self.live[gone.id]
        self.merged[gone.id] = keep.id
        self._post_terms(keep, keep.centroid)
        return keep.id

    def _found(self, event_id: str, at: float) -> str:
        if event_id not in self.live:
            self.live[event_id] = EventState(event_id, at)
        return event_id

    def _add_terms(self, state: EventState, vector: dict[str, float]) -> None:
        dropped = state.add_terms(vector)
        self._drop_postings(state, dropped)
        self._post_terms(state, vector)

    def _post_terms(self, state: EventState, terms: Sequence[str] | dict[str, float]) -> None:
        for term in terms:
            if term not in state.centroid:
                continue
            _remember(self.postings, term, state.id, state.centroid[term])

    def _post_opening(self, state: EventState, terms: Sequence[str]) -> None:
        for term in terms:
            _remember(self.openings, term, state.id, None)

    def _drop_postings(self, state: EventState, terms: Sequence[str] | dict[str, float]) -> None:
        for term in terms:
            events = self.postings.get(term)
            if events is not None and events.pop(state.id, None) is not None and not events:
                del self.postings[term]

    def _tick(self, at: float) -> None:
        self.clock = max(self.clock, at)
        if self.clock >= self._next_sweep:
            self._retire(self.clock - self.idle)
            self._next_sweep = self.clock + min(self.idle / 24, 3600.0)

    def _retire(self, horizon: float) -> None:
        """Live events idle since `horizon` go dormant (or away if single); old dormant ones go."""
        idle = [s for s in self.live.values() if s.last_seen < horizon]
        for state in idle:
            self._drop_postings(state, state.centroid)
            del self.live[state.id]
            if state.size > 1:
                state.compact()
                self.dormant[state.id] = state
        if idle:
            self._drop_openings()
        self.quiet = {event: at for event, at in self.quiet.items() if at >= horizon}
        forget = horizon - (self.memory - self.idle)
        self.dormant = {k: s for k, s in self.dormant.items() if s.last_seen >= forget}
        known = lambda event: event in self.live or event in self.dormant  # noqa: E731
        self.merged = {old: new for old, new in self.merged.items() if known(self._final(new))}
        self.story_event = {s: e for s, e in self.story_event.items() if known(self._final(e))}

    def _drop_openings(self) -> None:
        """Opening words of events no longer live (retired, merged) are forgotten."""
        live = self.live
        kept = ((term, {e: None for e in events if e in live}) for term, events in self.openings.items())
        self.openings = {term: events for term, events in kept if events}

    def _final(self, event: str) -> str:
        while event in self.merged:
            event = self.merged[event]
        return event

    def state_dict(self) -> dict[str, Any]:
        """Everything needed to continue where this store stopped (picklable builtins)."""
        return {"live": [s.state() for s in self.live.values()], "merged": dict(self.merged),
                "dormant": [s.state() for s in self.dormant.values()], "quiet": dict(self.quiet),
                "story_event": dict(self.story_event), "postings": {t: dict(e) for t, e in self.postings.items()},
                "openings": {t: list(e) for t, e in self.openings.items()},
                "idf": self.idf.state_dict(), "clock": self.clock, "next_sweep": self._next_sweep}

    def load_state(self, state: dict[str, Any]) -> None:
        self.live = {s["id"]: EventState.from_state(s) for s in state["live"]}
        self.dormant = {s["id"]: EventState.from_state(s) for s in state["dormant"]}
        self.quiet = dict(state["quiet"])
        self.merged, self.story_event = dict(state["merged"]), dict(state["story_event"])
        self.postings = {t: dict(e) for t, e in state["postings"].items()}
        self.openings = {t: dict.fromkeys(e) for t, e in state.get("openings", {}).items()}  # none before version 4
        if "idf" in state:  # a state saved by cluster version 1 kept its own counts: start them afresh
            self.idf.load_state(state["idf"])
        self.clock, self._next_sweep = state["clock"], state["next_sweep"]


def _remember(index: dict[str, dict[str, Any]], term: str, event: str, value: Any) -> None:
    """File `event` under `term` as the most recently active (last), keeping the POSTINGS_MAX most recent."""
    events = index.setdefault(term, {})
    events.pop(event, None)  # re-insert: most recently active last
    events[event] = value
    if len(events) > POSTINGS_MAX:
        del events[next(iter(events))]


class ClusterStage:
    """Pipeline stage "cluster": writes `event` on every post, keeping an EventStore."""

    name = "cluster"
    version = "4"
    reads = ("id", "title", "text", "title_norm", "text_norm", "tokens", "keywords", "places", "created_at",
             "duplicate_of", "story")
    writes = ("event",)

    def __init__(self, store: EventStore | None = None):
        self.store = store or EventStore()

    def __call__(self, batch: list[Post]) -> None:
        add = self.store.add
        for post in batch:
            if "places" not in post:  # a warm-up replays the stages up to here but not places
                post["places"] = _places(post)
            post["event"] = add(post)

    def state_dict(self) -> dict[str, Any]:
        return self.store.state_dict()

    def load_state(self, state: dict[str, Any]) -> None:
        self.store.load_state(state)

    def warm_up(self, posts: Sequence[Post]) -> None:
        """Rebuild the store from recently stored posts, oldest first, dedup fields already set.

        Their `event` is written again (the first ones may differ from their first run, which
        had more history); state_dict()/load_state() on the store resume exactly.
        """
        self(list(posts))


def _places(post: Post) -> list[dict[str, Any]]:
    from yuqing.analysis.places import find_places

    text, title = post.get("text_clean"), post.get("title")
    return find_places(text, title if isinstance(title, str) else "") if isinstance(text, str) and text else []


def _anonymous(post: Post) -> str:
    """A stable name for a post without id (a bad record): a hash of its text and time."""
    seed = f"{post.get('text')!r}|{post.get('created_at')!r}".encode("utf-8", "surrogatepass")
    return "anon-" + hashlib.blake2b(seed, digest_size=8).hexdigest()


def _title(post: Post) -> str:
    for name in ("title", "text"):
        value = post.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _timestamp(value: Any, default: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return default
    return float(value)
