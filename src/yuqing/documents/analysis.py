"""Running the analysis pipeline over stored documents, inside `yuqing up` or from the CLI.

One pipeline per process (its dedup and event windows are state), warmed up from the most
recent analysed documents so event ids continue across restarts. New documents are analysed
as soon as they are stored (event `documents.stored`) and by the worker's job as a safety net;
results are written back and `documents.analyzed` is emitted after commit.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Callable

from django.db import transaction
from django.utils import timezone

from yuqing import events
from yuqing.documents.analysis_store import save_results, upsert_events
from yuqing.documents.models import Document
from yuqing.documents.postview import posts_for

log = logging.getLogger("yuqing.analysis")
BATCH = 2000
WARM_UP_HOURS = 72
WARM_UP_MAX = 100_000


class AnalysisService:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.dirty = threading.Event()
        self.pipeline = None

    def ensure_pipeline(self):
        if self.pipeline is None:
            from yuqing.analysis.assemble import build_pipeline

            self.pipeline = build_pipeline()
            log.info("analysis pipeline: %s", ", ".join(f"{n} {v}" for n, v in self.pipeline.versions().items()))
            self._warm_up()
        return self.pipeline

    def _warm_up(self) -> None:
        """Replay recent analysed posts through normalize, segment, dedup and cluster (oldest first)."""
        newest = Document.objects.exclude(analyzed_at=None).order_by("-published_at").first()
        if newest is None:
            return
        since = newest.published_at - timedelta(hours=WARM_UP_HOURS)
        recent = Document.objects.exclude(analyzed_at=None).filter(published_at__gte=since).select_related("source")
        docs = list(recent.order_by("-published_at", "-id")[:WARM_UP_MAX])[::-1]
        posts = posts_for(docs)
        for start in range(0, len(posts), BATCH):
            chunk = posts[start : start + BATCH]
            for stage in self.pipeline.stages:
                if stage.name in {"normalize", "segment", "dedup", "cluster"}:
                    stage(chunk)
        log.info("analysis warm-up: %d recent posts replayed", len(posts))

    def analyze_pending(self, limit: int | None = None) -> int:
        """Analyse documents never analysed; returns how many. Safe to call from any thread."""
        if not self.lock.acquire(blocking=False):
            self.dirty.set()  # the running call will loop once more
            return 0
        done = 0
        try:
            self.ensure_pipeline()
            while limit is None or done < limit:
                self.dirty.clear()
                batch = list(Document.objects.filter(analyzed_at=None).select_related("source").order_by("published_at", "id")[:BATCH])
                if not batch:
                    if self.dirty.is_set():
                        continue
                    break
                self.analyze(batch)
                done += len(batch)
        finally:
            self.lock.release()
        return done

    def analyze(self, docs: list[Document]) -> None:
        posts = self.pipeline.run(posts_for(docs))
        versions = self.pipeline.versions()
        now = timezone.now()
        with transaction.atomic():
            save_results(docs, posts, versions, now)
            upsert_events(self.pipeline, {post.get("event") for post in posts if post.get("event")})
            events.emit("documents.analyzed", documents=docs)


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


def on_stored(**_: object) -> None:
    from django.conf import settings

    if settings.YUQING.analyze_on_store:
        service().analyze_pending()


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
