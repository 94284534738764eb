"""Task rows (work to do after a commit), leases (one owner for shared state) and worker beats."""

from __future__ import annotations

from django.db import models


class Task(models.Model):
    """One piece of work, written in the transaction that made it necessary.

    A worker claims it (state running, a lease until `lease_until`), runs its handler and marks it
    done in the handler's own transaction; a worker killed meanwhile leaves it running with a lease
    that runs out, and the next claim takes it again. `key` makes enqueueing idempotent: a second
    task with the same key is not written while the first exists.
    """

    class State(models.TextChoices):
        READY = "ready"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"  # gave up after its attempts; shown by `yuqing status` with the error

    kind = models.CharField(max_length=80, db_index=True)
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    payload = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=State.choices, default=State.READY)
    run_after = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    claimed_by = models.CharField(max_length=120, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "run_after"], name="work_task_due")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.state})"


class Lease(models.Model):
    """Who owns a piece of shared state (the analysis windows, the scheduler) until when.

    `epoch` grows with every change of hands; an owner's writes check it in their own transaction
    (fencing), so a stalled owner whose lease ran out cannot write over its successor's work.
    """

    name = models.CharField(max_length=80, primary_key=True)
    holder = models.CharField(max_length=120, blank=True)
    epoch = models.PositiveBigIntegerField(default=0)
    expires_at = models.DateTimeField()
    acquired_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} → {self.holder or '-'} (epoch {self.epoch})"


class WorkerBeat(models.Model):
    """A running process: its roles and when it last said it was alive (for `yuqing status`)."""

    identity = models.CharField(max_length=120, primary_key=True)
    roles = models.CharField(max_length=120)
    host = models.CharField(max_length=120)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField()
    tasks_done = models.PositiveBigIntegerField(default=0)
