"""The REST API (django-ninja): token or session auth, then the role matrix; OpenAPI docs at /api/docs (login needed).

Each domain app with an api.py contributes its `router`, mounted at /api/<app>.
"""

from __future__ import annotations

import json
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.exceptions import PermissionDenied

from ninja import NinjaAPI
from ninja.parser import Parser

from yuqing.accounts.auth import MatrixSessionAuth, TokenAuth
from yuqing.errors import InputError, QueryError, WorkflowError
from yuqing.text.nul import json_without_nul, without_nul


def routers() -> list[tuple[str, str]]:
    return [(f"/{app}", f"yuqing.{app}.api") for app in settings.DOMAIN_APPS if find_spec(f"yuqing.{app}.api")]


class NulFreeParser(Parser):
    """Bodies and query strings without NUL characters, which PostgreSQL cannot store (yuqing.text.nul)."""

    def parse_body(self, request):
        body = request.body
        if b"\x00" not in body and b"u0000" not in body:
            return json.loads(body)
        try:
            return json.loads(json_without_nul(body.decode("utf-8")))
        except UnicodeDecodeError:  # UTF-16 or UTF-32 JSON, which json.loads detects by itself
            return json.loads(body)

    def parse_querydict(self, data, list_fields, request):
        values = super().parse_querydict(data, list_fields, request)
        return {key: [without_nul(v) for v in value] if isinstance(value, list) else without_nul(value)
                for key, value in values.items()}


def build_api() -> NinjaAPI:
    api = NinjaAPI(title="yuqing API", version="1", auth=[TokenAuth(), MatrixSessionAuth()], parser=NulFreeParser())
    for prefix, module in routers():
        api.add_router(prefix, import_module(module).router)

    @api.exception_handler(QueryError)
    def query_error(request, exc: QueryError):
        return api.create_response(request, {"detail": str(exc), "detail_zh": exc.message_zh, "position": exc.position}, status=400)

    @api.exception_handler(InputError)
    def input_error(request, exc: InputError):
        return api.create_response(request, {"detail": str(exc)}, status=400)

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc: PermissionDenied):
        return api.create_response(request, {"detail": str(exc) or "permission denied"}, status=403)

    @api.exception_handler(WorkflowError)
    def workflow_error(request, exc: WorkflowError):
        return api.create_response(request, {"detail": str(exc)}, status=409)

    return api
