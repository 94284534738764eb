"""The office's area (辖区): the divisions it is responsible for, as division codes.

An office says it with YUQING_PLACE (codes or names, comma-separated: `411481`, `永城市`,
`河南省商丘市`). Without it, the area is the smallest division that holds every place the
office's monitoring schemes watch (apps declare these as `interest` on their AppConfig): schemes
that watch 永城 and 睢阳 make 商丘市 the area, schemes over 永城 and 郑州 make it 河南省. Where
neither says anything, the area is unknown (None) and nothing is ranked or drawn by it.

The event ranking (documents.event_rank) counts posts that name a place inside the area, and the
dashboard draws the area's province with its cities, counties and townships.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from os.path import commonprefix

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.module_loading import import_string

from yuqing.extensions import declared

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Area:
    codes: tuple[str, ...]  # division codes; a post is inside when one of its places starts with one
    configured: bool  # from YUQING_PLACE (False: taken from what the schemes watch)

    @property
    def province(self) -> str:
        """The province that holds the area (the first one, should the codes lie in several)."""
        return self.codes[0][:2]

    def filter(self) -> Q:
        """Documents that name a place inside the area (a condition for filters and aggregates)."""
        from yuqing.documents.models import DocumentPlace

        inside = Q()
        for code in self.codes:
            inside |= Q(code__startswith=code)
        return Q(Exists(DocumentPlace.objects.filter(inside, document=OuterRef("pk"))))


def resolve(words: list[str]) -> list[str]:
    """Division codes for names or codes; a name shared by several places gives all of them."""
    from yuqing.analysis.places import resolve_place_query

    codes: list[str] = []
    for word in words:
        codes += [code for code in resolve_place_query(word) if code not in codes]
    return codes


def enclosing(codes: list[str]) -> str | None:
    """The smallest division holding all of `codes` (None when they lie in different provinces)."""
    from yuqing.analysis.gazetteer import get_gazetteer

    if not codes:
        return None
    gazetteer = get_gazetteer()
    paths = [gazetteer.place(code).path for code in codes if gazetteer.place(code)]
    if not paths:
        return None
    shared = commonprefix(paths)
    return shared[-1] if shared else None


def watched_places() -> list[str]:
    """The places the installed apps watch for the office (monitoring: its schemes' place words)."""
    words: list[str] = []
    for interest in declared("interest"):
        if interest.places:
            words += import_string(interest.places)()
    return words


def office_area() -> Area | None:
    configured = getattr(settings.YUQING, "place", "")
    if configured:
        codes = resolve([part.strip() for part in configured.replace("，", ",").split(",") if part.strip()])
        if not codes:
            log.warning("YUQING_PLACE=%r names no division the gazetteer knows; the area is unknown", configured)
            return None
        return Area(tuple(codes), True)
    code = enclosing(resolve(watched_places()))
    return Area((code,), False) if code else None


def area_filter(area: Area | None) -> Q:
    """`Area.filter`, or a condition no document meets when the area is unknown."""
    return area.filter() if area else Q(pk__in=[])
