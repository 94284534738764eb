from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuqing.errors import InputError, QueryError, WorkflowError
from yuqing.monitoring import access, handling, schemes
from yuqing.monitoring.alerting import why_negative
from yuqing.monitoring.forms import SchemeForm
from yuqing.monitoring.models import REASON_LABELS, Alert, Scheme
from yuqing.notifications.models import Severity


def visible_schemes(user) -> QuerySet[Scheme]:
    """Everyone who reads alerts reads the schemes behind them; others only the schemes they own."""
    if access.can_see_all_alerts(user):
        return Scheme.objects.all()
    owned = Scheme.objects.filter(owner=user)
    if not owned.exists():
        raise PermissionDenied(_("Monitoring schemes are read by duty officers, analysts, leaders, editors and "
                                 "administrators, and written by analysts and administrators."))
    return owned


@login_required
def scheme_list(request: HttpRequest) -> HttpResponse:
    since = timezone.now() - timedelta(hours=24)
    rows = list(visible_schemes(request.user).select_related("group", "owner").annotate(
        recent=Count("matches", filter=Q(matches__published_at__gte=since), distinct=True)))
    waiting = access.waiting_by_scheme(request.user)
    for row in rows:
        row.waiting = waiting.get(row.pk, 0)
    return render(request, "monitoring/schemes.html", {"schemes": rows, "can_create": schemes.can_edit(request.user, None)})


@login_required
def scheme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = get_object_or_404(visible_schemes(request.user).select_related("group", "owner"), pk=pk)
    matches = scheme.matches.select_related("document").order_by("-published_at")[:30]
    return render(request, "monitoring/scheme_detail.html", {
        "scheme": scheme, "rules": scheme.rules.all(), "versions": scheme.versions.select_related("author")[:20],
        "matches": matches, "alerts": access.visible_alerts(request.user).filter(scheme=scheme).prefetch_related("reasons")[:20],
        "can_edit": schemes.can_edit(request.user, scheme)})


@login_required
def scheme_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    scheme = get_object_or_404(Scheme, pk=pk) if pk else None
    if not schemes.can_edit(request.user, scheme):
        raise PermissionDenied(schemes.REFUSAL)
    form = SchemeForm(request.POST or None, initial=SchemeForm.initial_for(scheme) if scheme else None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = schemes.save_scheme(request.user, scheme, form.spec())
        except QueryError as error:
            form.add_error(None, _localised(error))
        except (InputError, WorkflowError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Scheme saved (version %(n)d).") % {"n": saved.version})
            return redirect("monitoring:scheme", saved.pk)
    return render(request, "monitoring/scheme_form.html", {"form": form, "scheme": scheme})


def _localised(error: QueryError) -> str:
    return error.message_zh if (get_language() or "").startswith("zh") else str(error)


@login_required
def scheme_preview(request: HttpRequest) -> JsonResponse:
    """The live preview: what the scheme in the editor would match among stored documents."""
    params = request.GET
    spec = schemes.SchemeSpec(name="", mode=params.get("mode", Scheme.Mode.SIMPLE), place_words=params.get("place_words", ""),
                              subject_words=params.get("subject_words", ""), exclude_words=params.get("exclude_words", ""),
                              expression=params.get("expression", ""))
    result = schemes.preview(spec)
    error = (result.error_zh if (get_language() or "").startswith("zh") else result.error) if result.error else ""
    return JsonResponse({
        "expression": result.expression, "total": result.total, "error": error, "position": result.position,
        "sample": [{"title": doc.display_title, "url": reverse("documents:detail", args=[doc.pk]), "site": doc.site,
                    "published": timezone.localtime(doc.published_at).strftime("%Y-%m-%d %H:%M"),
                    "sentiment": doc.sentiment} for doc in result.sample]})


@login_required
@require_POST
def scheme_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = get_object_or_404(Scheme, pk=pk)
    try:
        schemes.set_active(request.user, scheme, active=not scheme.active)
    except WorkflowError as error:
        messages.error(request, str(error))
    return redirect("monitoring:scheme", pk)


ALERT_FILTERS = ("status", "severity", "kind", "scheme")


@login_required
def alert_list(request: HttpRequest) -> HttpResponse:
    if not access.can_see_all_alerts(request.user) and not access.visible_alerts(request.user).exists():
        raise PermissionDenied(_("Alerts are seen by duty officers, analysts, leaders, editors and administrators. "
                                 "Ask an administrator for one of these roles if your work needs them."))
    chosen = {name: request.GET.get(name, "") for name in ALERT_FILTERS}
    alerts = access.filter_alerts(access.visible_alerts(request.user), chosen, request.user if request.GET.get("mine") else None)
    page = Paginator(alerts.select_related("scheme", "assignee", "acknowledged_by").prefetch_related("reasons"), 30
                     ).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "monitoring/alerts.html", {
        "page_obj": page, "chosen": chosen, "mine": bool(request.GET.get("mine")), "query_string": params.urlencode(),
        "statuses": Alert.Status.choices, "severities": Severity.choices, "kinds": list(REASON_LABELS.items()),
        "schemes": Scheme.objects.only("pk", "name"), "counts": access.alert_counts(request.user),
        "handler": access.is_handler(request.user)})


def _visible_alert(request: HttpRequest, pk: int) -> Alert:
    related = ("scheme", "scheme__owner", "assignee", "acknowledged_by", "taken_by")
    return get_object_or_404(access.visible_alerts(request.user).select_related(*related), pk=pk)


@login_required
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _visible_alert(request, pk)
    return render(request, "monitoring/alert_detail.html", {
        "alert": alert, "steps": alert.steps.select_related("actor"), "reasons": alert.reasons.all(),
        "documents": alert.documents.order_by("-published_at")[:50], "refusal": access.handle_refusal(request.user, alert),
        "why_negative": why_negative(alert)})


def _alert_post(request: HttpRequest, pk: int, run, done: str) -> HttpResponse:
    alert = _visible_alert(request, pk)
    try:
        run(alert)
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    if alert.incident_url:
        return redirect(alert.incident_url)
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("monitoring:alert", pk)


@login_required
@require_POST
def alert_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    return _alert_post(request, pk, lambda a: handling.acknowledge(request.user, a, note=request.POST.get("note", "")),
                       _("Acknowledged: the alert is yours and will not escalate."))


@login_required
@require_POST
def alert_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    return _alert_post(request, pk, lambda a: handling.escalate(request.user, a), _("Passed on to the next level."))


@login_required
@require_POST
def alert_take(request: HttpRequest, pk: int) -> HttpResponse:
    return _alert_post(request, pk, lambda a: handling.take(request.user, a), _("Taken up."))
