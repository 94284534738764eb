"""Running the analysis pipeline over stored documents, inside `yuqing up`, a worker or the CLI.

The pipeline's dedup and event windows are state that spans posts, so one process at a time
analyses: the holder of the lease "analysis" (yuqing.work.leases). Every other process leaves
its stored documents to that owner; a document waiting (`analyzed_at IS NULL`) is itself the
durable work. An owner warms its windows up from the most recent analysed documents (so event
ids continue across restarts and owners), and writes each batch in one transaction that also
confirms the lease (fencing: an owner whose lease ran out cannot write) and writes the
`documents.analyzed` event's tasks, so matching and alerting follow every committed batch.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Callable

from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import timezone

from yuqing import events
from yuqing.documents import checkpoints
from yuqing.documents.ahead import Ahead
from yuqing.documents.analysis_store import save_results, upsert_events
from yuqing.documents.models import Document
from yuqing.documents.postview import POST_FIELDS, posts_for
from yuqing.work import leases, runner

log = logging.getLogger("yuqing.analysis")
BATCH = 2000
WARM_UP_HOURS = 72
WARM_UP_MAX = 100_000
LEASE = "analysis"


class AnalysisService:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.dirty = threading.Event()
        self.pipeline = None
        self.epoch: int | None = None  # the lease epoch the pipeline's windows belong to
        self.checkpoints = checkpoints.Schedule()
        self.ahead = Ahead()  # the next batches, prepared by other workers

    def own(self) -> bool:
        """Take or renew the analysis lease; a new epoch means another owner wrote since: warm up again."""
        epoch = leases.acquire(LEASE)
        if epoch is None:
            return False
        if epoch != self.epoch:
            self.pipeline, self.epoch = None, epoch
        return True

    def ensure_pipeline(self):
        if self.pipeline is None:
            from yuqing.analysis.assemble import build_pipeline

            self.pipeline = build_pipeline()
            log.info("analysis pipeline: %s", ", ".join(f"{n} {v}" for n, v in self.pipeline.versions().items()))
            if not checkpoints.restore(self.pipeline, self._renew):
                self._warm_up()
            self.checkpoints = checkpoints.Schedule()  # the next batch saves the state (due at once)
        return self.pipeline

    def _renew(self) -> None:
        """During a long warm-up or replay: keep the lease, or stop if it went to someone else."""
        if self.epoch is not None and leases.acquire(LEASE) != self.epoch:
            raise leases.LeaseLost("the analysis lease ran out during warm-up")

    def _warm_up(self) -> None:
        """No checkpoint (a workspace from before them, or new stage versions): replay recent analysed
        posts through normalize, segment, dedup and cluster (oldest first), an approximation."""
        newest = Document.objects.exclude(analyzed_at=None).order_by("-published_at").first()
        if newest is None:
            return
        since = newest.published_at - timedelta(hours=WARM_UP_HOURS)
        recent = (Document.objects.exclude(analyzed_at=None).filter(published_at__gte=since).select_related("source")
                  .only(*POST_FIELDS))
        docs = list(recent.order_by("-published_at", "-id")[:WARM_UP_MAX])[::-1]
        posts = posts_for(docs)
        for start in range(0, len(posts), BATCH):
            self._renew()
            chunk = posts[start : start + BATCH]
            for stage in self.pipeline.stages:
                if stage.name in {"normalize", "segment", "dedup", "cluster"}:
                    stage(chunk)
        log.info("analysis warm-up: %d recent posts replayed", len(posts))

    def analyze_pending(self, limit: int | None = None) -> int:
        """Analyse documents never analysed, if this process owns the analysis; returns how many.
        Safe to call from any thread."""
        if not self.lock.acquire(blocking=False):
            self.dirty.set()  # the running call will loop once more
            return 0
        try:
            for _attempt in range(3):  # the lease row may have gone (a restored database): take it again
                try:
                    return self._analyze_pending(limit)
                except leases.LeaseLost as lost:
                    log.warning("analysis stopped: %s; whoever owns it now goes on", lost)
                    self.pipeline, self.epoch = None, None
            return 0
        finally:
            self.lock.release()

    def _analyze_pending(self, limit: int | None) -> int:
        done = 0
        while (limit is None or done < limit) and self.own():
            self.ensure_pipeline()
            self.dirty.clear()
            batch = list(Document.objects.filter(analyzed_at=None).order_by("published_at", "id")
                         .values_list("id", "content_hash")[:BATCH])
            if not batch:
                if self.dirty.is_set():
                    continue
                break
            self.analyze(*self._prepared(batch))
            done += len(batch)
        return done

    def _prepared(self, batch: list[tuple[int, str]]) -> tuple[list[Document], list[dict]]:
        """The documents and prepared posts of a batch of (id, content hash), in its order: the posts a
        peer prepared come whole from its result (their documents are not loaded: only their ids are
        written to), the rest are loaded and prepared here."""
        prepared = self.ahead.take(batch, self.pipeline.versions())
        self.ahead.request(after=len(batch), size=BATCH)  # the next batch, while this one is analysed
        missing = [pk for pk, _ in batch if str(pk) not in prepared]
        loaded = list(Document.objects.filter(pk__in=missing).select_related("source").only(*POST_FIELDS)) if missing else []
        mine = dict(zip((doc.pk for doc in loaded), self.pipeline.prepare(posts_for(loaded))))
        docs = {doc.pk: doc for doc in loaded}
        return ([docs.get(pk) or Document.from_db(DEFAULT_DB_ALIAS, ["id"], [pk]) for pk, _ in batch],
                [prepared.get(str(pk)) or mine[pk] for pk, _ in batch])

    def analyze(self, docs: list[Document], posts: list[dict] | None = None) -> None:
        """Analyse `docs` and write the results; `posts` are theirs, prepared already (else made here)."""
        if posts is None:
            posts = self.pipeline.prepare(posts_for(docs))
        recorded = [{"id": post["id"], "parent_id": post.get("parent_id")} for post in posts]
        versions = self.pipeline.versions()
        posts = self.pipeline.finish(posts)
        now = timezone.now()
        try:
            with transaction.atomic():
                if self.epoch is not None:
                    leases.confirm(LEASE, self.epoch)
                save_results(docs, posts, versions, now)
                upsert_events(self.pipeline, {post.get("event") for post in posts if post.get("event")})
                batch = checkpoints.record_batch(self.epoch or 0, recorded)
                saved = self.checkpoints.due(len(posts))
                if saved:
                    checkpoints.save(self.pipeline, batch)
                events.emit("documents.analyzed", documents=docs)
            if saved:
                self.checkpoints.done()
        except Exception:
            self.pipeline = None  # its windows took in a batch that was not written: warm up again
            raise


_service: AnalysisService | None = None
_service_lock = threading.Lock()


def service() -> AnalysisService:
    global _service
    with _service_lock:
        if _service is None:
            _service = AnalysisService()
        return _service


def analyze_pending() -> int:
    return service().analyze_pending()


def owner_turn() -> int:
    """A worker's turn (role analyze): one batch or so, if this process owns the analysis."""
    return service().analyze_pending(limit=BATCH)


def on_stored(**_: object) -> None:
    """New documents: analyse them now when this thread does the work itself (a command, a test),
    or wake this process's worker; the owner of the analysis picks them up either way."""
    from django.conf import settings

    if not settings.YUQING.analyze_on_store:
        return
    if runner.is_inline():
        service().analyze_pending()
    else:
        runner.wake()


def reanalyze(everything: bool = False, progress: Callable[[int, int], None] | None = None) -> int:
    """Re-run the pipeline over documents whose stage versions differ from the current ones."""
    svc = service()
    with svc.lock:
        versions = svc.ensure_pipeline().versions()
    stale = Document.objects.exclude(analysis_versions=versions) if not everything else Document.objects.all()
    total = stale.count()
    stale.update(analyzed_at=None)
    done = 0
    while True:
        count = svc.analyze_pending(limit=BATCH)
        done += count
        if progress:
            progress(done, total)
        if count == 0:
            return done
