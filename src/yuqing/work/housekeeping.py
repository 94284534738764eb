"""Done tasks are kept a day (for `yuqing status`'s throughput), then deleted; beats of stopped workers a week."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from yuqing.work.models import Task, WorkerBeat

KEEP_DONE = timedelta(days=1)
KEEP_BEATS = timedelta(days=7)


def run() -> int:
    now = timezone.now()
    deleted, _ = Task.objects.filter(state=Task.State.DONE, finished_at__lt=now - KEEP_DONE).delete()
    WorkerBeat.objects.filter(beat_at__lt=now - KEEP_BEATS).delete()
    return deleted
