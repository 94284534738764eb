"""Briefing pages: the list with a form to generate one, one briefing, its files; the dashboard's data."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from yuqing.briefings import actions, dashboard
from yuqing.briefings.models import Briefing, Kind
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
    briefings = Briefing.objects.select_related("incident", "created_by")[:50]
    return render(request, "briefings/list.html", {"form": form, "briefings": briefings,
                                                   "can_generate": actions.can_generate(request.user)})


@login_required
def briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from yuqing.briefings.render_html import page_fragment

    briefing = get_object_or_404(Briefing, pk=pk)
    return render(request, "briefings/detail.html", {"briefing": briefing, "body": page_fragment(briefing.content)})


@login_required
def briefing_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    briefing = get_object_or_404(Briefing, pk=pk)
    if fmt not in actions.FORMATS:
        raise InputError(_("Unknown format %(fmt)s; use docx, pdf or html") % {"fmt": fmt})
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
    return JsonResponse(dashboard.data(request.user), json_dumps_params={"ensure_ascii": False})
