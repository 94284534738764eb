"""The REST API (django-ninja): token or session auth, OpenAPI docs at /api/docs.

Each app contributes a router; add new ones to ROUTERS.
"""

from __future__ import annotations

from importlib import import_module

from ninja import NinjaAPI
from ninja.security import django_auth

from yuqing.accounts.auth import TokenAuth
from yuqing.errors import InputError, QueryError, WorkflowError

ROUTERS: list[tuple[str, str]] = [
    ("/documents", "yuqing.documents.api"),
    ("/sources", "yuqing.sources.api"),
]


def build_api() -> NinjaAPI:
    api = NinjaAPI(title="yuqing API", version="1", auth=[TokenAuth(), django_auth])
    for prefix, module in ROUTERS:
        api.add_router(prefix, import_module(module).router)

    @api.exception_handler(QueryError)
    def query_error(request, exc: QueryError):
        return api.create_response(request, {"detail": str(exc), "detail_zh": exc.message_zh, "position": exc.position}, status=400)

    @api.exception_handler(InputError)
    def input_error(request, exc: InputError):
        return api.create_response(request, {"detail": str(exc)}, status=400)

    @api.exception_handler(WorkflowError)
    def workflow_error(request, exc: WorkflowError):
        return api.create_response(request, {"detail": str(exc)}, status=409)

    return api
