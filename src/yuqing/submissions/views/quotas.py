from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.accounts.roles import has_role
from yuqing.errors import YuqingError
from yuqing.submissions.models import Quota
from yuqing.submissions.quotas import month_progress, set_quota
from yuqing.units.access import visible_units


def _month(text: str) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in text.split("-"))
        if 1 <= month <= 12 and 2000 <= year <= 2100:
            return year, month
    except ValueError:
        pass
    today = timezone.localdate()
    return today.year, today.month


@login_required
def quota_page(request: HttpRequest) -> HttpResponse:
    year, month = _month(request.GET.get("month") or request.POST.get("month", ""))
    can_set = has_role(request.user, "editor", "chief_editor", "admin")
    if request.method == "POST":
        if not can_set:
            raise PermissionDenied
        _save(request, year, month)
        return redirect(f"{request.path}?month={year}-{month:02d}")
    rows = month_progress(year, month, visible_units(request.user))
    return render(request, "submissions/quotas.html", {"rows": rows, "month": f"{year}-{month:02d}", "can_set": can_set})


def _save(request: HttpRequest, year: int, month: int) -> None:
    units = {u.pk: u for u in visible_units(request.user)}
    current = {q.unit_id: (q.submit_target, q.adopt_target)
               for q in Quota.objects.filter(year=year, month=month, person=None, unit_id__in=units)}
    for key, value in request.POST.items():
        if not key.startswith("submit-"):
            continue
        unit = units.get(int(key[7:])) if key[7:].isdigit() else None
        adopt = request.POST.get(f"adopt-{key[7:]}", "0")
        if unit is None or not value.isdigit() or not adopt.isdigit():
            continue
        if current.get(unit.pk, (0, 0)) == (int(value), int(adopt)):
            continue  # unchanged: no write, no audit noise
        try:
            set_quota(request.user, year=year, month=month, unit=unit, submit_target=int(value), adopt_target=int(adopt))
        except YuqingError as error:
            messages.error(request, str(error))
            return
    messages.success(request, _("Quotas saved."))
