"""Refuse an oversized upload on its Content-Length, before anything reads the body.

Django's CSRF check reads request.POST, which receives the whole multipart body (to a temporary
file) before any view runs; so the import page's limit is applied here, ahead of that middleware.
"""

from __future__ import annotations

from typing import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _


class UploadSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path_info == reverse("sources:import"):
            declared = request.META.get("CONTENT_LENGTH") or "0"
            limit = settings.YUQING.upload_max_bytes
            if not declared.isdigit() or int(declared) > limit:
                message = _("The file is larger than %(mb)d MB") % {"mb": limit // (1024 * 1024)}
                return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
