"""Search results one story a row: copies and reposts of a post fold under it, with their count.

A story is what the dedup stage wrote (`story_id`: the id of the original a repost or a copy
belongs to; a post of its own is its own story). Rows are stories, newest activity first; a row
shows the story's original when it is among the results, else its earliest match. Rows with no
text at all (no title, no body) are left out: there is nothing to read in them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import CharField, Count, Max, Min, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, NullIf, Trim

from yuqing.documents.models import Document


SHOWN_COPIES = 5


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
    groups = (found.annotate(story=story).order_by().values("story")
              .annotate(n=Count("id"), newest=Max("published_at"), first_id=Min("id")).order_by("-newest", "-first_id"))
    total = found.count()
    stories = groups.count()
    page = list(groups[offset : offset + limit])
    originals = {str(pk) for pk in found.filter(pk__in=[int(g["story"]) for g in page if g["story"].isdigit()])
                 .values_list("pk", flat=True)}
    ids = [int(g["story"]) if g["story"] in originals else g["first_id"] for g in page]
    docs = Document.objects.select_related("source").in_bulk(ids)
    others = _others(found.annotate(story=story), [g["story"] for g in page if g["n"] > 1], ids)
    return total, stories, [Row(docs[pk], g["n"] - 1, others.get(g["story"], [])) for pk, g in zip(ids, page) if pk in docs]


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
