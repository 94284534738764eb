"""Comments under their post: a post's thread, and comment figures of an event over time.

A comment is a document of kind "comment" whose `root_ref` is its post's id on the same site
and whose `parent_ref` is the comment (or post) it answers. Threads are read by (site, root_ref),
which has an index.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from yuqing.documents.models import Document

THREAD_LIMIT = 500


@dataclass
class ThreadEntry:
    comment: Document
    depth: int


def comments_of(post: Document) -> Q:
    return Q(kind="comment", site=post.site, root_ref=post.external_id)


def thread(post: Document, limit: int = THREAD_LIMIT) -> list[ThreadEntry]:
    """The post's comments, each reply under the comment it answers, oldest first."""
    if not post.external_id or post.kind == "comment":
        return []
    comments = list(Document.objects.filter(comments_of(post)).order_by("published_at", "id")[:limit])
    children: dict[str, list[Document]] = defaultdict(list)
    known = {c.external_id for c in comments}
    for comment in comments:  # a reply whose parent was not collected hangs under the post
        parent = comment.parent_ref if comment.parent_ref in known else post.external_id
        children[parent].append(comment)
    entries: list[ThreadEntry] = []
    _walk(children, post.external_id, 0, entries)
    return entries


def _walk(children: dict[str, list[Document]], parent: str, depth: int, out: list[ThreadEntry]) -> None:
    for comment in children.get(parent, []):
        out.append(ThreadEntry(comment, min(depth, 6)))
        if comment.external_id != parent:
            _walk(children, comment.external_id, depth + 1, out)


def comment_count(post: Document) -> int:
    """What the post's comments figure shows: the platform's count or the comments collected, the larger."""
    if not post.external_id or post.kind == "comment":
        return post.comments
    return max(post.comments, Document.objects.filter(comments_of(post)).count())


def event_comments(key: str) -> Q:
    """Comments of an event: those clustered into it, and those under its posts."""
    posts = Document.objects.filter(event_id=key).exclude(kind="comment").exclude(external_id="")
    by_site: dict[str, list[str]] = defaultdict(list)
    for site, external_id in posts.values_list("site", "external_id")[:5000]:
        by_site[site].append(external_id)
    under = Q(pk__in=[])
    for site, ids in by_site.items():  # one IN per site: a long OR chain would pass SQLite's expression depth
        under |= Q(site=site, root_ref__in=ids)
    return Q(kind="comment") & (Q(event_id=key) | under)


def comment_timeline(key: str, step: timedelta = timedelta(hours=1)) -> list[dict]:
    """Per hour: posts, comments, and the negative share of the comments (0–1, None without comments)."""
    posts = Document.objects.filter(event_id=key).exclude(kind="comment").values_list("published_at", flat=True)
    comments = Document.objects.filter(event_comments(key)).values_list("published_at", "sentiment")
    rows: dict[datetime, dict] = defaultdict(lambda: {"posts": 0, "comments": 0, "negative": 0})
    for when in posts:
        rows[_floor(when)]["posts"] += 1
    for when, sentiment in comments:
        row = rows[_floor(when)]
        row["comments"] += 1
        row["negative"] += sentiment == "negative"
    return [{"t": f"{t:%m-%d %H:00}", **row, "share": round(row["negative"] / row["comments"], 3) if row["comments"] else None}
            for t, row in sorted(rows.items())]


def _floor(when: datetime) -> datetime:
    return timezone.localtime(when).replace(minute=0, second=0, microsecond=0)
