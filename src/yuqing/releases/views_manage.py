"""The office's pages for releases: drafts awaiting sign-off, writing one, signing, correcting, withdrawing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuqing.errors import YuqingError
from yuqing.incidents.access import visible_incidents
from yuqing.incidents.models import Statement
from yuqing.releases import actions
from yuqing.releases.access import can_draft, can_manage, can_sign, managed_releases
from yuqing.releases.forms import CorrectionForm, ReleaseForm, WithdrawForm
from yuqing.releases.models import Release


def _require_manager(request: HttpRequest) -> None:
    if not can_manage(request.user):
        raise PermissionDenied


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    releases = managed_releases(request.user).order_by("-created_at", "-id")
    waiting = [r for r in releases if actions.pending(r) is not None]
    return render(request, "releases/manage.html", {"waiting": waiting, "releases": releases,
                                                    "can_draft": can_draft(request.user)})


def _statements(user):
    """Statements recorded on the incidents the user may see: what a release may start from."""
    return Statement.objects.filter(incident__in=visible_incidents(user)).select_related("incident").order_by("-published_at")


@login_required
def new(request: HttpRequest) -> HttpResponse:
    if not can_draft(request.user):
        raise PermissionDenied
    statements = _statements(request.user)
    wanted = request.GET.get("statement", "")
    chosen = statements.filter(pk=int(wanted)).first() if wanted.isdigit() else None
    # The public title is written for the public: the incident's own title may be internal.
    initial = {"statement": chosen.pk, "issuer": chosen.issuer, "text": chosen.text} if chosen else {}
    form = ReleaseForm(request.POST or None, initial=initial, statements=statements[:50])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        statement = statements.filter(pk=data["statement"]).first() if data["statement"] else None
        try:
            release = actions.draft_release(request.user, title=data["title"], issuer=data["issuer"], text=data["text"],
                                            statement=statement)
        except YuqingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Drafted; it is published when a chief editor or leader signs it."))
            return redirect("releases:manage_detail", release.pk)
    return render(request, "releases/new.html", {"form": form, "statements": statements.exists()})


@login_required
def manage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    release = get_object_or_404(managed_releases(request.user).select_related("incident"), pk=pk)
    waiting = actions.pending(release)
    current = actions.current(release)
    return render(request, "releases/manage_detail.html", {
        "release": release, "versions": release.versions.select_related("drafted_by", "signed_by"), "waiting": waiting,
        "can_draft": can_draft(request.user), "can_sign": can_sign(request.user),
        "correction_form": CorrectionForm(initial={"text": current.text if current else ""}), "withdraw_form": WithdrawForm()})


def _post(request: HttpRequest, name: str) -> str:
    return request.POST.get(name, "")


VERBS = {
    "edit": lambda r, rel: actions.edit_draft(r.user, rel, text=_post(r, "text"), reason=_post(r, "reason"),
                                              title=r.POST.get("title"), issuer=r.POST.get("issuer")),
    "sign": lambda r, rel: actions.sign(r.user, rel),
    "discard": lambda r, rel: actions.discard(r.user, rel),
    "correct": lambda r, rel: actions.propose_correction(r.user, rel, text=_post(r, "text"), reason=_post(r, "reason")),
    "withdraw": lambda r, rel: actions.propose_withdrawal(r.user, rel, reason=_post(r, "reason")),
}


@login_required
@require_POST
def act(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    _require_manager(request)
    release = get_object_or_404(managed_releases(request.user), pk=pk)
    if verb not in VERBS:
        raise Http404
    try:
        VERBS[verb](request, release)
    except YuqingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
        if not Release.objects.filter(pk=pk).exists():
            return redirect("releases:manage")
    return redirect("releases:manage_detail", pk)
