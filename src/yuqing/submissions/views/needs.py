"""Information needs: the list, publishing one, its page (who answered, declined, is late), files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuqing.errors import YuqingError
from yuqing.submissions import need_status, needs
from yuqing.submissions.access import visible_need_units, visible_needs, visible_submissions
from yuqing.submissions.forms import DeclineForm, NeedForm
from yuqing.submissions.models import Category, InformationNeed
from yuqing.units.access import member_units
from yuqing.units.models import Unit


@login_required
def need_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    listed = list(visible_needs(request.user).select_related("published_by"))
    statuses = need_status.statuses_of(listed, visible_need_units(request.user), visible_submissions(request.user), now)
    rows = [{"need": need, "counts": need_status.counts(statuses[need.pk]), "mine": statuses[need.pk]} for need in listed]
    return render(request, "submissions/needs.html", {
        "open": [r for r in rows if r["need"].is_open], "closed": [r for r in rows if not r["need"].is_open],
        "can_publish": needs.can_publish(request.user), "now": now})


@login_required
def need_create(request: HttpRequest) -> HttpResponse:
    if not needs.can_publish(request.user):
        raise PermissionDenied
    active = Unit.objects.filter(active=True)
    form = NeedForm(request.POST or None, request.FILES or None, units=active)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            need = needs.publish_need(
                request.user, title=data["title"], wanted=data["wanted"], due_at=data["due_at"],
                categories=data["categories"], source=data["source"], units=_asked(request, data, active),
                scope=_scope_label(data, active), files=[data["file"]] if data["file"] else [])
        except YuqingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Need published to %(n)d units.") % {"n": need.asked.count()})
            return redirect("submissions:need", need.pk)
    return render(request, "submissions/need_form.html", {"form": form})


def _asked(request: HttpRequest, data: dict, active):
    root = active.filter(pk=data["root"]).first() if data["root"] else None
    return needs.units_asked(request.user, data["scope"], root=root, chosen=active.filter(pk__in=data["units"] or []))


def _scope_label(data: dict, active) -> str:
    if data["scope"] == "subtree" and data["root"]:
        root = active.filter(pk=data["root"]).first()
        return _("%(unit)s and the units below it") % {"unit": root.name} if root else ""
    if data["scope"] == "list":
        return _("Chosen units")
    return _("All units")


def _need(request: HttpRequest, pk: int) -> InformationNeed:
    return get_object_or_404(visible_needs(request.user).select_related("published_by"), pk=pk)


@login_required
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need, now = _need(request, pk), timezone.now()
    statuses = need_status.statuses(need, visible_need_units(request.user, need), visible_submissions(request.user), now)
    own = set(member_units(request.user).values_list("pk", flat=True))
    answerable = [s.unit for s in statuses if s.unit.pk in own] if need.is_open else []
    undecided = [s.unit for s in statuses if s.unit in answerable and s.status != need_status.ANSWERED]
    return render(request, "submissions/need.html", {
        "need": need, "statuses": statuses, "counts": need_status.counts(statuses), "now": now,
        "categories": [Category(c).label for c in need.categories], "attachments": need.attachments.all(),
        "answerable": answerable, "decline_form": DeclineForm(units=undecided) if undecided else None,
        "can_manage": needs.can_publish(request.user) and need.is_open})


def _decline(request: HttpRequest, need: InformationNeed) -> None:
    chosen = request.POST.get("unit", "")
    unit = member_units(request.user).filter(pk=int(chosen) if chosen.isdigit() else 0).first()
    if unit is None:
        raise YuqingError(_("Choose the unit that declines"))
    needs.decline(request.user, need, unit=unit, reason=request.POST.get("reason", ""))


def _attach(request: HttpRequest, need: InformationNeed) -> None:
    files = request.FILES.getlist("file")
    if not files:
        raise YuqingError(_("Choose a file to attach"))
    for upload in files:
        needs.attach_file(request.user, need, upload=upload)


VERBS = {"decline": _decline, "attach": _attach, "close": lambda r, n: needs.close_need(r.user, n)}


@login_required
@require_POST
def need_act(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    need = _need(request, pk)
    if verb not in VERBS:
        raise Http404
    try:
        VERBS[verb](request, need)
    except YuqingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect("submissions:need", pk)


@login_required
def need_file(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    attachment = get_object_or_404(_need(request, pk).attachments, pk=attachment_id)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
                        content_type=attachment.content_type)

