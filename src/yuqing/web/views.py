from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from yuqing.documents.models import Document
from yuqing.web import dashboard


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The overview: the search bar, then the cards the apps declare for this user (yuqing.extensions)."""
    return render(request, "web/home.html", {"cards": dashboard.cards(request)})


@login_required
def rules_help(request: HttpRequest) -> HttpResponse:
    return render(request, "web/rules_help.html")


def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: the database answers. How much is stored is told only to a logged-in user."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    body: dict = {"ok": True}
    if request.user.is_authenticated:
        body["documents"] = Document.objects.count()
    return JsonResponse(body)
