"""Preparing posts ahead of the analysis owner, in the other workers.

The stages that keep state (segment's IDF, dedup's window, cluster's events) must see every post
once and in order, so one owner runs them: the serial part of N workers. The stages before them
(normalize … places) read one post at a time and take most of the pipeline's time. While the
owner analyses a batch, it asks (a task `documents.prepare`, role analyze) for the next one to be
prepared by whichever worker is free, and uses those results when it gets there.

A result is used only if it was made with the owner's stage versions for the same title and
text. Whatever is missing, stale, or late (its worker was killed) the owner computes itself, so
the outcome is the same however the work was spread. A process with no live peer never asks: the
embedded default (`yuqing up`, one process) works exactly as before.
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


def fingerprint(post: dict[str, Any]) -> int:
    return zlib.crc32(f"{post.get('title') or ''}\0{post.get('text') or ''}".encode("utf-8", "surrogatepass"))


def carried(pipeline) -> list[str]:
    """The fields the stateless stages write, less those nothing after them reads."""
    return sorted({name for stage in pipeline.stateless() for name in stage.writes} - LOCAL_ONLY)


def pack(posts: list[dict[str, Any]], fields: list[str]) -> bytes:
    """The prepared `fields` of each post by id, with the fingerprint of the text they were made from."""
    data = {post["id"]: {"fp": fingerprint(post), **{name: post[name] for name in fields if name in post}}
            for post in posts}
    return zlib.compress(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(blob: bytes) -> dict[str, dict[str, Any]]:
    return pickle.loads(zlib.decompress(bytes(blob)))  # our own rows, written by pack(): trusted


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
    rows = waiting.values_list("id", "title", "text", "language", "ip_location")
    posts = pipeline.prepare([{"id": str(pk), "title": title or "", "text": text or "", "lang": language or "",
                                "ip_location": ip_location or ""} for pk, title, text, language, ip_location in rows])
    PreparedPosts.objects.bulk_create([PreparedPosts(key=payload["key"], versions=pipeline.versions(),
                                                    posts=pack(posts, carried(pipeline)))],
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

    def take(self, posts: list[dict[str, Any]], versions: dict[str, str]) -> set[str]:
        """Fill in the prepared fields of the posts whose results are here (waiting for a batch a
        peer is preparing now); returns their ids. The rest are the caller's to prepare."""
        ids = {post["id"] for post in posts}
        for request in [r for r in self.pending if r.ids & ids]:
            self.pending.remove(request)
            self._collect(request, versions)
        used = set()
        for post in posts:
            fields = self.ready.pop(post["id"], None)
            if fields is not None and fields.pop("fp") == fingerprint(post):
                post.update(fields)
                used.add(post["id"])
        return used

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


def _cancel(task_id: int) -> bool:
    """Take a request nobody has started: the owner does that work itself."""
    for claim in queue.claim([KIND], limit=1, only=task_id):
        with transaction.atomic():
            queue.finish(claim)
        return True
    return False
