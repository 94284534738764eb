"""Preparing posts ahead of the analysis owner, in the other workers.

The stages that keep state (segment's IDF, dedup's window, cluster's events) must see every post
once and in order, so one owner runs them: the serial part of N workers. The stages before them
(normalize … places) read one post at a time and take most of the pipeline's time. While the
owner analyses a batch, it asks (a task `documents.prepare`, role analyze) for the next one to be
prepared by whichever worker is free, and uses those results when it gets there.

A result holds the whole post (as `postview.posts_for` reads it from the document) with what the
stateless stages added, so the owner loads only the ids and content hashes of a prepared batch,
not its documents. It is used only if it was made with the owner's stage versions from the same
title and text (the document's content hash); a parent the peer did not find stored yet is looked
up again by the owner. Whatever is missing, stale, or late (its worker was killed) the owner
loads and computes itself, so the outcome is the same however the work was spread. A process with
no live peer never asks: the embedded default (`yuqing up`, one process) works exactly as before.
"""

from __future__ import annotations

import logging
import pickle
import time
import zlib
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from yuqing.documents.models import Document, PreparedPosts
from yuqing.documents.postview import POST_FIELDS, parent_ids, parent_ref, posts_for
from yuqing.work import queue, runner
from yuqing.work.models import Task

log = logging.getLogger("yuqing.analysis")
KIND = "documents.prepare"
WAIT = 3.0  # seconds the owner waits for a batch a peer is preparing (well under 1 s) before doing it itself
POLL = 0.02
KEEP = timedelta(minutes=10)  # a result not taken by then never will be
LOCAL_ONLY = frozenset({"grams"})  # the n-gram features sentiment and risk read: large, and read by nothing after them
PEERS_EVERY = 1.0  # a peer that just started is asked within a batch or so
MAX_AHEAD = 3  # batches asked for at once (one more than live peers, at most this many)

_pipeline = None
_warm = False


def pack(docs: list[Document], posts: list[dict[str, Any]]) -> bytes:
    """The posts, less LOCAL_ONLY, each with the content hash of the document it was made from and,
    for a parent not found stored, what the owner needs to look for it again. The posts are changed
    in place (they are the caller's to send, and dropped after): copying each into a new dict took a
    third of the time, on the worker that is as busy as the owner."""
    for doc, post in zip(docs, posts):
        for name in LOCAL_ONLY:
            post.pop(name, None)
        post["content_hash"] = doc.content_hash
        if unresolved := _unresolved(doc, post):
            post["unresolved"] = unresolved
    return zlib.compress(pickle.dumps(posts, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unresolved(doc: Document, post: dict[str, Any]) -> tuple[str, str, str] | None:
    if not doc.parent_ref or not str(post.get("parent_id") or "").startswith("ref:"):
        return None
    return parent_ref(doc)


def unpack(blob: bytes) -> dict[str, dict[str, Any]]:
    """The posts of pack(), by id."""
    return {post["id"]: post for post in pickle.loads(zlib.decompress(bytes(blob)))}  # our own rows: trusted


def stateless_pipeline():
    """The pipeline whose stateless stages prepare posts here: the owner's own when this process owns
    the analysis (the same stages), else one built for it once."""
    global _pipeline
    from yuqing.documents.analysis import service

    if service().pipeline is not None:
        return service().pipeline
    if _pipeline is None:
        from yuqing.analysis.assemble import build_pipeline

        _pipeline = build_pipeline()
    return _pipeline


def warm() -> int:
    """Worker loop (role analyze), after the owner's: load the models at start, so that the first
    batch asked of this worker is not the one that waits for them."""
    global _warm
    if not _warm:
        _warm = True
        stateless_pipeline()
    return 0


def run(payload: dict[str, Any]) -> None:
    """Task handler: prepare the documents `payload["ids"]` and keep the result under `payload["key"]`."""
    pipeline = stateless_pipeline()
    waiting = Document.objects.filter(pk__in=payload["ids"], analyzed_at=None)  # a late retry finds them analysed
    docs = list(waiting.select_related("source").only(*POST_FIELDS, "content_hash", "parent_ref"))
    posts = pipeline.prepare(posts_for(docs))
    PreparedPosts.objects.bulk_create([PreparedPosts(key=payload["key"], versions=pipeline.versions(),
                                                    posts=pack(docs, posts))],
                                      ignore_conflicts=True)


def forget_stale() -> int:
    """Scheduled job: results nobody took (the owner gave up on them, or it stopped and its successor
    never knew their keys) are deleted after KEEP; the owner takes a result within seconds."""
    deleted, _ = PreparedPosts.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    return deleted


@dataclass
class Request:
    key: str
    task_id: int
    ids: set[str] = field(default_factory=set)


class Ahead:
    """The owner's side: what it asked for, and the results it has read but not used yet."""

    def __init__(self) -> None:
        self.pending: list[Request] = []
        self.ready: dict[str, dict[str, Any]] = {}
        self.asked = 0
        self._peer_count, self._peers_asked = 0, -PEERS_EVERY

    def _peers(self) -> int:
        """How many other live workers prepare posts (asked every PEERS_EVERY seconds)."""
        if time.monotonic() - self._peers_asked >= PEERS_EVERY:
            from yuqing.work.worker import peer_roles

            self._peers_asked = time.monotonic()
            self._peer_count = sum(KIND in runner.kinds_for(roles) for roles in peer_roles())
        return self._peer_count

    def request(self, after: int, size: int) -> None:
        """Ask for the batches of `size` documents after the first `after` waiting ones: one more than
        there are live peers that prepare (so a peer finds the next one queued), at most MAX_AHEAD."""
        peers = self._peers()
        while peers and len(self.pending) < min(peers + 1, MAX_AHEAD) and self._ask(after, size):
            pass

    def _ask(self, after: int, size: int) -> bool:
        asked = set().union(*(r.ids for r in self.pending))
        start = after + len(asked)
        waiting = Document.objects.filter(analyzed_at=None).order_by("published_at", "id").values_list("id", flat=True)
        ids = [str(pk) for pk in waiting[start : start + size] if str(pk) not in asked]
        if not ids:
            return False
        self.asked += 1
        key = f"prepare:{time.time_ns()}:{self.asked}"
        with transaction.atomic():
            task_id = queue.enqueue(KIND, {"key": key, "ids": [int(pk) for pk in ids]}, key=key)
        self.pending.append(Request(key, task_id, set(ids)))
        return True

    def take(self, batch: list[tuple[int, str]], versions: dict[str, str]) -> dict[str, dict[str, Any]]:
        """The prepared posts of the batch's (id, content hash) pairs whose results are here (waiting
        for a batch a peer is preparing now), by post id. The rest are the caller's to load and prepare."""
        ids = {str(pk) for pk, _ in batch}
        for request in [r for r in self.pending if r.ids & ids]:
            self.pending.remove(request)
            self._collect(request, versions)
        posts = {}
        for pk, content_hash in batch:
            post = self.ready.pop(str(pk), None)
            if post is not None and post.pop("content_hash") == content_hash:
                posts[str(pk)] = post
        _find_parents(posts)
        return posts

    def _collect(self, request: Request, versions: dict[str, str]) -> None:
        row = self._wait_for(request)
        if row is not None:
            if row.versions == versions:
                self.ready.update(unpack(row.posts))
            PreparedPosts.objects.filter(key=request.key).delete()

    def _wait_for(self, request: Request) -> PreparedPosts | None:
        """The request's result; None when nobody has started it (it is cancelled: the owner does
        it), or its worker takes longer than WAIT (killed, or slow: the owner does it)."""
        deadline = time.monotonic() + WAIT
        while True:
            # The state first: a task read as done wrote its row in the same transaction, so the row is seen.
            state = Task.objects.filter(pk=request.task_id).values_list("state", flat=True).first()
            row = PreparedPosts.objects.filter(key=request.key).first()
            if row is not None or state == Task.State.DONE:
                return row
            if state == Task.State.READY and _cancel(request.task_id):
                return None
            if state not in (Task.State.READY, Task.State.RUNNING) or time.monotonic() > deadline:
                log.info("prepared batch %s not ready after %.0f s; the owner prepares it", request.key, WAIT)
                return None
            time.sleep(POLL)


def _find_parents(posts: dict[str, dict[str, Any]]) -> None:
    """A parent the peer did not find may have been stored since: look for it as posts_for would now."""
    unresolved = {pid: ref for pid, post in posts.items() if (ref := post.pop("unresolved", None))}
    found = parent_ids(list(unresolved.values())) if unresolved else {}
    for pid, (_, _, key) in unresolved.items():
        if key in found:
            posts[pid]["parent_id"] = str(found[key])


def _cancel(task_id: int) -> bool:
    """Take a request nobody has started: the owner does that work itself."""
    for claim in queue.claim([KIND], limit=1, only=task_id):
        with transaction.atomic():
            queue.finish(claim)
        return True
    return False
