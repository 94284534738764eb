"""Pages every user has (changing one's own password) and the lockouts an administrator lifts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuqing.accounts import lockouts, passwords


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        passwords.change_password(request.user, form)
        update_session_auth_hash(request, form.user)  # stay logged in here; other sessions end
        messages.success(request, _("Your password was changed."))
        return redirect("home")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
def lockout_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/lockouts.html", {"rows": lockouts.current()})


@login_required
@require_POST
def lockout_lift(request: HttpRequest) -> HttpResponse:
    lifted = lockouts.lift(request.user, username=request.POST.get("username", ""), address=request.POST.get("address", ""))
    messages.success(request, _("Lock lifted (%(n)d records).") % {"n": lifted})
    return redirect("account:lockouts")
