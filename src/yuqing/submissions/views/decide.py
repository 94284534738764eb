"""POST endpoints for the buttons on an item's page: each calls one action, then goes back."""

from __future__ import annotations

from typing import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from yuqing.errors import YuqingError
from yuqing.submissions import adoption, attachments, editing, instructions, links, workflow
from yuqing.submissions.access import visible_submissions, visible_tasks
from yuqing.submissions.forms import TaskForm
from yuqing.submissions.models import State, Submission
from yuqing.units.models import Unit


def _post(request: HttpRequest, name: str) -> str:
    return request.POST.get(name, "")


def _number(request: HttpRequest, name: str) -> int:
    value = _post(request, name)
    return int(value) if value.isdigit() else 0


def _task(request: HttpRequest, item: Submission):
    instruction = item.instructions.filter(pk=_number(request, "instruction")).first()
    if instruction is None:
        raise YuqingError(_("Choose the instruction the task follows"))
    form = TaskForm(request.POST)
    form.fields["unit"].choices = [(u.pk, u.name) for u in Unit.objects.filter(active=True)]
    if not form.is_valid():
        raise YuqingError(_("Choose a unit and describe the task"))
    return instructions.create_task(request.user, instruction, unit=Unit.objects.get(pk=form.cleaned_data["unit"]),
                                    description=form.cleaned_data["description"], due_on=form.cleaned_data["due_on"])


def _attach(request: HttpRequest, item: Submission) -> None:
    files = request.FILES.getlist("file")
    if not files:
        raise YuqingError(_("Choose a file to attach"))
    for upload in files:
        attachments.add_attachment(request.user, item, upload=upload)


# The confirmation messages are lazy: this table is built at import, the language per request.
VERBS: dict[str, tuple[Callable, str]] = {
    "submit": (lambda r, i: workflow.submit(r.user, i), gettext_lazy("Submitted.")),
    "withdraw": (lambda r, i: workflow.withdraw(r.user, i), gettext_lazy("Withdrawn to draft.")),
    "take": (lambda r, i: workflow.take(r.user, i), gettext_lazy("You are handling this item.")),
    "release": (lambda r, i: workflow.release(r.user, i), gettext_lazy("Released for other editors.")),
    "return": (lambda r, i: workflow.return_item(r.user, i, reason=_post(r, "reason")), gettext_lazy("Returned to the unit.")),
    "reject": (lambda r, i: workflow.reject(r.user, i, reason=_post(r, "reason")), gettext_lazy("Rejected.")),
    "adopt": (lambda r, i: workflow.adopt(r.user, i, level=_post(r, "level") or "city", note=_post(r, "note")), gettext_lazy("Adopted.")),
    "sign_off": (lambda r, i: workflow.sign_off(r.user, i, note=_post(r, "note")), gettext_lazy("Signed off.")),
    "record_adoption": (lambda r, i: adoption.record_adoption(
        r.user, i, level=_post(r, "level"), evidence=_post(r, "evidence"), link=_post(r, "link")), gettext_lazy("Adoption recorded.")),
    "close_event": (lambda r, i: editing.close_event(r.user, i), gettext_lazy("Incident closed; the final report is now due.")),
    "instruct": (lambda r, i: instructions.give_instruction(r.user, i, text=_post(r, "text")), gettext_lazy("Instruction recorded.")),
    "task": (_task, gettext_lazy("Follow-up task set.")),
    "attach": (_attach, gettext_lazy("Attached.")),
    "link": (lambda r, i: links.add_link(r.user, i, kind=_post(r, "kind"), ref=_post(r, "target")), gettext_lazy("Linked.")),
}


@login_required
@require_POST
def act(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    item = get_object_or_404(visible_submissions(request.user).select_related("unit", "holder"), pk=pk)
    if verb not in VERBS:
        raise Http404
    run, done = VERBS[verb]
    try:
        result = run(request, item)
    except YuqingError as error:
        messages.error(request, str(error))
    else:
        if getattr(result, "state", None) == State.PENDING_SIGNOFF:
            done = _("Proposed for adoption; it awaits the chief editor's sign-off.")
        messages.success(request, done)
    return redirect("submissions:detail", pk)


@login_required
@require_POST
def remove_attachment(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    item = get_object_or_404(visible_submissions(request.user), pk=pk)
    try:
        attachments.remove_attachment(request.user, get_object_or_404(item.attachments, pk=attachment_id))
    except YuqingError as error:
        messages.error(request, str(error))
    return redirect("submissions:detail", pk)


@login_required
@require_POST
def complete_task(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_object_or_404(visible_tasks(request.user), pk=task_id)
    try:
        instructions.complete_task(request.user, task, result=_post(request, "result"))
    except YuqingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Task completed."))
    return redirect("submissions:tasks")
