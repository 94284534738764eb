#!/usr/bin/env python
"""Candidate search through opening words, against cluster version 3 (issue 14, short–long recall).

    PYTHONPATH=src .venv/bin/python scripts/event_candidates.py [--data ../shared/data] [--split dev]
        [--ways v3,opening,mixed,always]

Version 3 finds the events to score for a post through its 32 rarest terms only. A headline whose
words sit in an article's second paragraph then meets nothing to compare with, though scoring
the two (coverage looks the headline's words up in the article's first 1,000 characters) would
join them. Ways:

- v3: version 3's candidate search;
- opening (version 4, the cluster stage now): one more candidate found through the words of the
  openings (clustering.EventStore._opening_candidates): a post's opening words outside its
  vector among an event's terms, always; the post's terms among the events' opening words,
  only when no event shares a term with it; that candidate joins only with evidence ≥
  OPENING_EVIDENCE (16, not 14.5);
- mixed: the same without the stronger evidence;
- always: both look-ups for every post, without the stronger evidence.

Each way is measured as scripts/event_short_rules.py measures its rules: the same-event pairs
of `yuqing eval --only events` (alone, crowded, fresh) and 10,000 THUCNews titles one second
apart. Settings were looked at on the development half (the default); --split test is for one
final reading. Numbers: docs/model-card-events.md ("Candidates through opening words").
"""

from __future__ import annotations

import sys

from event_short_rules import compare
from yuqing.analysis.clustering import EventStore


class Version3(EventStore):
    opening_rescore = 0


class Mixed(EventStore):
    def _score(self, state, vector, text, places, floor=0.0):  # type: ignore[no-untyped-def]
        return super()._score(state, vector, text, places)  # no stronger evidence for opening candidates


class Always(Mixed):
    def _opening_candidates(self, vector, opening, ranked):  # type: ignore[no-untyped-def]
        return super()._opening_candidates(self._vector, opening, ranked)

    def _match(self, vector, text, places, opening=()):  # type: ignore[no-untyped-def]
        self._vector = vector  # the post's terms among openings even when some event shares a term
        return super()._match(vector, text, places, opening)


WAYS: dict[str, type[EventStore]] = {"v3": Version3, "opening": EventStore, "mixed": Mixed, "always": Always}


def main() -> int:
    return compare(__doc__ or "", WAYS, "ways", "way")


if __name__ == "__main__":
    sys.exit(main())
