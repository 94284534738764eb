"""Briefing pages: the list with a form to generate one, one briefing, its files; the dashboard's data."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from yuqing.briefings import access, actions, area_map, dashboard, workflow
from yuqing.briefings.editing import composed, editable, section_text
from yuqing.briefings.models import Briefing, Kind, State
from yuqing.errors import InputError, WorkflowError
from yuqing.incidents.places import place_code


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=[c for c in Kind.choices if c[0] != Kind.SPECIAL])
    day = forms.DateField(label=gettext_lazy("A day in the period"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}), help_text=gettext_lazy("empty: the last period that is over"))
    scheme = forms.TypedChoiceField(label=gettext_lazy("Scheme"), required=False, coerce=int, empty_value=None)
    place = forms.CharField(label=gettext_lazy("Place (name or code)"), required=False, max_length=50)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from yuqing.monitoring.models import Scheme

        self.fields["scheme"].choices = [("", "—")] + [(s.pk, s.name) for s in Scheme.objects.all()[:500]]


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@login_required
def briefing_list(request: HttpRequest) -> HttpResponse:
    form = GenerateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            briefing = actions.generate(request.user, kind=data["kind"], day=data["day"], scheme_id=data["scheme"],
                                        place_code=place_code(data["place"]), base_url=base_url(request))
        except (InputError, WorkflowError) as error:
            form.add_error(None, str(error))
        else:
            return redirect("briefings:detail", briefing.pk)
    briefings = access.readable(request.user, Briefing.objects.select_related("incident", "created_by", "signed_off_by"))
    return render(request, "briefings/list.html", {"form": form, "briefings": briefings,
                                                   "can_generate": actions.can_generate(request.user),
                                                   "writer_refusal": workflow.writer_refusal()})


def _readable(request: HttpRequest, pk: int, queryset=None) -> Briefing:
    """The briefing, if the user may read all it contains; otherwise 404, as if it did not exist."""
    briefing = get_object_or_404(queryset if queryset is not None else Briefing.objects, pk=pk)
    if not access.can_read(request.user, briefing):
        raise Http404
    return briefing


@login_required
def briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from yuqing.briefings.render_html import page_fragment

    briefing = _readable(request, pk, Briefing.objects.select_related("signed_off_by", "submitted_by", "edited_by"))
    old = briefing.versions.filter(number=request.GET.get("version") or 0).first() if request.GET.get("version") else None
    content = composed(old.content, old.texts) if old else actions.shown(briefing, drafts=briefing.state == State.DRAFT)
    return render(request, "briefings/detail.html", {
        "briefing": briefing, "body": page_fragment(content), "old": old, "versions": briefing.versions.all(),
        "can_write": workflow.can_write(request.user), "can_sign": workflow.can_sign(request.user),
        "writer_refusal": workflow.writer_refusal(), "signer_refusal": workflow.signer_refusal()})


@login_required
def briefing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _readable(request, pk)
    if not workflow.can_write(request.user):
        raise PermissionDenied(workflow.writer_refusal())
    if briefing.state != State.DRAFT:
        messages.error(request, _("Only a draft is edited; a chief editor or leader can return it to the writers."))
        return redirect("briefings:detail", pk)
    content = actions.with_picked(briefing)
    boxes = editable(content, briefing.texts)
    if request.method == "POST":
        posted = {box["key"]: request.POST[f"text-{box['key']}"] for box in boxes if f"text-{box['key']}" in request.POST}
        texts = {**briefing.texts, **posted}
        generated = {s["key"]: section_text(s) for s in content.get("sections", [])}
        texts = {key: text for key, text in texts.items() if text.strip() != generated.get(key, "").strip()}
        try:
            workflow.edit(request.user, briefing, title=request.POST.get("title", ""), texts=texts)
        except (InputError, WorkflowError) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("briefings:detail", pk)
    return render(request, "briefings/edit.html", {"briefing": briefing, "boxes": boxes})


STEPS = {"submit": (workflow.submit, gettext_lazy("Sent for sign-off.")),
         "return": (workflow.send_back, gettext_lazy("Returned to the writers with your note.")),
         "sign_off": (workflow.sign_off, gettext_lazy("Signed off.")),
         "delete": (workflow.delete, gettext_lazy("Deleted."))}


@login_required
@require_POST
def briefing_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    briefing = _readable(request, pk)
    if step not in STEPS:
        raise Http404(step)
    run, done = STEPS[step]
    extra = {"note": request.POST.get("note", "")} if step == "return" else {}
    try:
        run(request.user, briefing, **extra)
    except (InputError, WorkflowError) as error:
        messages.error(request, str(error))
        return redirect("briefings:detail", pk)
    messages.success(request, str(done))
    return redirect("briefings:list") if step == "delete" else redirect("briefings:detail", pk)


@login_required
def briefing_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    briefing = _readable(request, pk)
    if fmt not in actions.FORMATS:
        raise Http404(_("Unknown format %(fmt)s; use docx, pdf or html") % {"fmt": fmt})
    response = HttpResponse(actions.render(briefing, fmt), content_type=actions.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{actions.filename(briefing, fmt)}"'
    return response


@login_required
@require_POST
def for_incident(request: HttpRequest, pk: int) -> HttpResponse:
    from yuqing.incidents.views import get_visible

    incident = get_visible(request, pk)
    try:
        briefing = actions.generate_for_incident(request.user, incident, base_url=base_url(request))
    except (InputError, WorkflowError) as error:
        messages.error(request, str(error))
        return redirect("incidents:detail", pk)
    return redirect("briefings:detail", briefing.pk)


@login_required
def dashboard_data(request: HttpRequest) -> JsonResponse:
    return JsonResponse(dashboard.data(request.user, cache_seconds=dashboard.CACHE_SECONDS), json_dumps_params={"ensure_ascii": False})


@login_required
def map_file(request: HttpRequest) -> FileResponse:
    """?name=<division code>|china: an outline file the office installed (area_map); the national one
    only when it has the South China Sea islands."""
    name = request.GET.get("name", "")
    path = area_map.map_file(name)
    if path is None or (name == area_map.NATIONAL and not area_map.national()[0]):
        raise Http404(name)
    return FileResponse(path.open("rb"), content_type="application/geo+json")
