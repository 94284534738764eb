"""The analysis owner's state, saved so that a new owner continues exactly where the last one stopped.

Every batch the owner writes is recorded (`AnalysisBatch`: its posts in order, and the parent each
was given) in the batch's own transaction; every minute or 20,000 posts, and right after a warm-up,
the pipeline's state (dedup and event windows, the IDF learnt from the stream) is saved with it
(`AnalysisCheckpoint`). A new owner loads the latest checkpoint made with the same stage versions
and replays the batches recorded after it through the pipeline — same posts, same order, same
batch boundaries — so its windows are those of the owner it replaces: seconds, not a replay of
100,000 posts, and the same events and duplicates as if nobody had stopped.
"""

from __future__ import annotations

import logging
import pickle
import time
import zlib
from typing import Callable

from yuqing.documents.models import AnalysisBatch, AnalysisCheckpoint, Document
from yuqing.documents.postview import posts_for

log = logging.getLogger("yuqing.analysis")
EVERY_SECONDS = 60.0
EVERY_POSTS = 20_000


class Schedule:
    """When the next checkpoint is due: at once after a warm-up, then by time or by posts."""

    def __init__(self) -> None:
        self.last, self.posts = 0.0, 0

    def due(self, posts: int) -> bool:
        self.posts += posts
        return self.last == 0.0 or self.posts >= EVERY_POSTS or time.monotonic() - self.last >= EVERY_SECONDS

    def done(self) -> None:
        self.last, self.posts = time.monotonic(), 0


def record_batch(epoch: int, posts: list[dict]) -> AnalysisBatch:
    parents = {post["id"]: post["parent_id"] for post in posts if post.get("parent_id")}
    return AnalysisBatch.objects.create(epoch=epoch, document_ids=[int(post["id"]) for post in posts], parents=parents)


def save(pipeline, batch: AnalysisBatch) -> None:
    """In the batch's transaction: the state after it replaces older checkpoints and the batches they cover."""
    state = zlib.compress(pickle.dumps(pipeline.state_dict(), protocol=pickle.HIGHEST_PROTOCOL), 3)
    AnalysisCheckpoint.objects.create(batch_id=batch.pk, versions=pipeline.versions(), state=state)
    AnalysisCheckpoint.objects.filter(batch_id__lt=batch.pk).delete()
    AnalysisBatch.objects.filter(pk__lte=batch.pk).delete()
    log.info("analysis checkpoint after batch %d: %.1f MB", batch.pk, len(state) / 1e6)


def restore(pipeline, renew: Callable[[], None]) -> bool:
    """Load the latest checkpoint of these stage versions and replay the batches after it; False if none."""
    checkpoint = AnalysisCheckpoint.objects.order_by("-batch_id").first()
    if checkpoint is None or checkpoint.versions != pipeline.versions():
        return False
    pipeline.load_state(pickle.loads(zlib.decompress(bytes(checkpoint.state))))  # our own rows: trusted
    replayed = 0
    for batch in AnalysisBatch.objects.filter(pk__gt=checkpoint.batch_id).order_by("pk").iterator(chunk_size=20):
        renew()
        pipeline.run(_posts(batch))
        replayed += len(batch.document_ids)
    log.info("analysis resumed from the checkpoint after batch %d, %d posts replayed", checkpoint.batch_id, replayed)
    return True


def _posts(batch: AnalysisBatch) -> list[dict]:
    found = Document.objects.select_related("source").in_bulk(batch.document_ids)
    posts = posts_for([found[pk] for pk in batch.document_ids if pk in found])
    for post in posts:
        post.pop("parent_id", None)
        if post["id"] in batch.parents:
            post["parent_id"] = batch.parents[post["id"]]
    return posts
