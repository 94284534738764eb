"""Search results one story a row: copies and reposts of a post fold under it, with their count.

A story is what the dedup stage wrote (`story_id`: the id of the original a repost or a copy
belongs to; a post of its own is its own story). Rows are stories, newest activity first; a row
shows the story's original when it is among the results, else its earliest match. Rows with no
text at all (no title, no body) are left out: there is nothing to read in them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db.models import CharField, Count, Min, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, NullIf, Trim

from yuqing.documents.models import Document
from yuqing.shared_figures import shared


SHOWN_COPIES = 5
SCAN_CHUNK = 500  # matches read at a time, newest first, while looking for a page's stories
COUNTS_SECONDS = 10  # how long the counts of one search are shared (counting reads every match)


@dataclass
class Row:
    doc: Document
    copies: int  # other matches of the same story
    others: list[Document] = field(default_factory=list)  # the newest few of them


def readable(found: QuerySet | list[Document]) -> QuerySet | list[Document]:
    if isinstance(found, QuerySet):
        blank = Q(text_trim="") & Q(title_trim="")
        return found.alias(text_trim=Trim("text"), title_trim=Trim("title")).exclude(blank)
    return [doc for doc in found if doc.text.strip() or doc.title.strip()]


def _story(doc: Document) -> str:
    return doc.story_id or str(doc.pk)


def folded(found: QuerySet | list[Document], offset: int, limit: int) -> tuple[int, int, list[Row]]:
    """(matches, stories, this page's rows) of readable matches folded by story."""
    found = readable(found)
    if isinstance(found, QuerySet):
        return _folded_sql(found, offset, limit)
    return _folded_list(found, offset, limit)


def _folded_sql(found: QuerySet, offset: int, limit: int) -> tuple[int, int, list[Row]]:
    story = Coalesce(NullIf("story_id", Value("")), Cast("id", CharField()))
    total, stories = shared(_counts_key(found), COUNTS_SECONDS, lambda: _counts(found, story))
    page = _page_groups(found.annotate(story=story), offset, limit)
    originals = {str(pk) for pk in found.filter(pk__in=[int(g["story"]) for g in page if g["story"].isdigit()])
                 .values_list("pk", flat=True)}
    ids = [int(g["story"]) if g["story"] in originals else g["first_id"] for g in page]
    docs = Document.objects.select_related("source").in_bulk(ids)
    others = _others(found.annotate(story=story), [g["story"] for g in page if g["n"] > 1], ids)
    return total, stories, [Row(docs[pk], g["n"] - 1, others.get(g["story"], [])) for pk, g in zip(ids, page) if pk in docs]


def _counts_key(found: QuerySet) -> str:
    sql, params = found.query.sql_with_params()
    return "search-counts:" + hashlib.sha256(repr((sql, params)).encode()).hexdigest()


def _counts(found: QuerySet, story: Coalesce) -> tuple[int, int]:
    """(matches, stories): both read every match, so they are shared for a few seconds (shared_figures)."""
    return found.count(), found.annotate(story=story).order_by().values("story").distinct().count()


def _page_groups(found: QuerySet, offset: int, limit: int) -> list[dict]:
    """This page's stories, newest activity first, with their size and first match.

    The matches are read newest first only until the page's stories are found (and the stories
    tied with the last of them), instead of grouping every match: the first page of everything
    costs the same with 10,000 documents or 1,000,000."""
    newest = _newest_stories(found, offset + limit)
    if not newest:
        return []
    keys = list(newest)
    copies = Q(story_id__gt="", story_id__in=keys)  # the first term is the story index's condition: it is used
    members = copies | Q(story_id="", pk__in=[int(key) for key in keys if key.isdigit()])
    sizes = {row["story"]: row for row in found.filter(members).order_by().values("story")
             .annotate(n=Count("id"), first_id=Min("id"))}
    groups = [{"story": key, "newest": at, **sizes[key]} for key, at in newest.items() if key in sizes]
    groups.sort(key=lambda g: (g["newest"], g["first_id"]), reverse=True)
    return groups[offset : offset + limit]


def _newest_stories(found: QuerySet, wanted: int) -> dict[str, object]:
    """story -> its newest match's time, for the `wanted` stories with the newest matches (ties included)."""
    newest: dict[str, object] = {}
    boundary = None
    scan = found.order_by("-published_at", "-id").values_list("story", "published_at")
    start = 0
    while True:
        chunk = list(scan[start : start + SCAN_CHUNK])
        for key, at in chunk:
            if len(newest) >= wanted and at != boundary:
                return newest
            if key not in newest:
                newest[key] = at
                boundary = at
        if len(chunk) < SCAN_CHUNK:
            return newest
        start += SCAN_CHUNK


def _others(found: QuerySet, stories: list[str], shown: list[int]) -> dict[str, list[Document]]:
    """A few copies of each folded story, newest first (bounded: a story may have thousands)."""
    grouped: dict[str, list[Document]] = {}
    if not stories:
        return grouped
    rest = found.filter(story__in=stories).exclude(pk__in=shown).order_by("-published_at", "-id")
    for doc in rest.only("id", "site", "author", "title", "text", "published_at", "story_id")[: SHOWN_COPIES * 20]:
        held = grouped.setdefault(doc.story, [])
        if len(held) < SHOWN_COPIES:
            held.append(doc)
    return grouped


def _folded_list(found: list[Document], offset: int, limit: int) -> tuple[int, int, list[Row]]:
    stories: dict[str, list[Document]] = {}
    for doc in found:  # newest first: a story's row sits where its newest match is
        stories.setdefault(_story(doc), []).append(doc)
    rows = []
    for key, docs in list(stories.items())[offset : offset + limit]:
        shown = next((d for d in docs if str(d.pk) == key), min(docs, key=lambda d: d.pk))
        rows.append(Row(shown, len(docs) - 1, [d for d in docs if d.pk != shown.pk][:SHOWN_COPIES]))
    return len(found), len(stories), rows
