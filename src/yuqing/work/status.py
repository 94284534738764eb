"""`yuqing status`: the workers alive and their roles, who owns what, the work waiting and its age."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Min
from django.utils import timezone

from yuqing.work.models import Lease, Task, WorkerBeat

ALIVE = timedelta(seconds=30)


def snapshot() -> dict:
    now = timezone.now()
    waiting = Task.objects.filter(state__in=[Task.State.READY, Task.State.RUNNING])
    hour = Task.objects.filter(state=Task.State.DONE, finished_at__gte=now - timedelta(hours=1))
    return {
        "workers": list(WorkerBeat.objects.filter(beat_at__gte=now - ALIVE).order_by("started_at").values()),
        "leases": list(Lease.objects.filter(expires_at__gt=now).values("name", "holder", "epoch", "acquired_at")),
        "waiting": list(waiting.values("kind").annotate(count=Count("id"), oldest=Min("created_at")).order_by("kind")),
        "done_last_hour": hour.count(),
        "failed": list(Task.objects.filter(state=Task.State.FAILED).order_by("-finished_at")
                       .values("id", "kind", "attempts", "last_error")[:10]),
        "unanalyzed": _unanalyzed(),
        "analyzed": _analyzed(now),
        "now": now,
    }


def _unanalyzed() -> dict:
    from yuqing.documents.models import Document

    pending = Document.objects.filter(analyzed_at=None)
    return {"count": pending.count(), "oldest": pending.aggregate(oldest=Min("collected_at"))["oldest"]}


def _analyzed(now) -> dict:
    """The analysis's throughput: documents whose analysis was written in the last minute and hour."""
    from yuqing.documents.models import Document

    recent = Document.objects.filter(analyzed_at__gte=now - timedelta(hours=1))
    return {"minute": recent.filter(analyzed_at__gte=now - timedelta(minutes=1)).count(), "hour": recent.count()}


def _age(now, then) -> str:
    return f"{(now - then).total_seconds():.0f}s" if then else "-"


def render() -> str:
    data, lines = snapshot(), []
    now = data["now"]
    lines.append(f"workers alive: {len(data['workers'])}")
    for beat in data["workers"]:
        lines.append(f"  {beat['identity']}  roles {beat['roles']}  up {_age(now, beat['started_at'])}  "
                     f"tasks done {beat['tasks_done']}  last beat {_age(now, beat['beat_at'])} ago")
    for lease in data["leases"]:
        lines.append(f"owner of {lease['name']}: {lease['holder']} (epoch {lease['epoch']}, since {_age(now, lease['acquired_at'])})")
    pending = data["unanalyzed"]
    lines.append(f"documents waiting for analysis: {pending['count']} (oldest {_age(now, pending['oldest'])})")
    analyzed = data["analyzed"]
    lines.append(f"documents analysed: {analyzed['minute']} in the last minute ({analyzed['minute'] / 60:.1f}/s), "
                 f"{analyzed['hour']} in the last hour")
    for row in data["waiting"]:
        lines.append(f"tasks waiting: {row['kind']} {row['count']} (oldest {_age(now, row['oldest'])})")
    lines.append(f"tasks done in the last hour: {data['done_last_hour']}")
    for task in data["failed"]:
        lines.append(f"gave up: task {task['id']} ({task['kind']}) after {task['attempts']} attempts: {task['last_error'][:200]}")
    return "\n".join(lines)
