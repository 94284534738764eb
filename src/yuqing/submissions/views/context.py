from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from yuqing.submissions.access import visible_needs, visible_submissions, visible_tasks
from yuqing.submissions.forms import AdoptForm, InstructionForm, LinkForm, ReasonForm, RecordAdoptionForm, TaskForm
from yuqing.submissions.models import Submission
from yuqing.submissions.permissions import allowed
from yuqing.units.models import Unit


def detail_context(request: HttpRequest, item: Submission, hold_error: str | None) -> dict:
    user = request.user
    root = item.thread_root
    visible = visible_submissions(user)
    task_form = TaskForm(initial={"unit": item.unit_id})
    task_form.fields["unit"].choices = [(u.pk, u.name) for u in Unit.objects.filter(active=True)]
    instructions = list(item.instructions.select_related("leader", "via_issue__periodical"))
    tasks = visible_tasks(user).filter(instruction__in=instructions).select_related("unit", "completed_by")
    return {
        "item": item, "verbs": allowed(user, item), "need": visible_needs(user).filter(pk=item.need_id).first(), "hold_error": hold_error, "now": timezone.now(),
        "root": root, "reports": visible.filter(pk=root.pk) | visible.filter(thread=root),
        "deadlines": root.deadlines.select_related("person", "met_by"),
        "versions": item.versions.select_related("saved_by"), "notes": item.notes.select_related("by"),
        "attachments": item.attachments.all(), "links": item.links.all(),
        "adoptions": item.adoptions.select_related("adopted_by", "signed_off_by"),
        "instructions": instructions, "tasks": tasks,
        "entries": item.bulletin_entries.select_related("issue__periodical").filter(issue__state="published"),
        "forwarded": item.forward_entries.select_related("batch__body").filter(batch__state="sent"),
        "reason_form": ReasonForm(), "adopt_form": AdoptForm(), "record_form": RecordAdoptionForm(),
        "instruction_form": InstructionForm(), "task_form": task_form, "link_form": LinkForm(),
    }
