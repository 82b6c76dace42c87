"""The REST API at /api/v1/ (OpenAPI 3.1 at /api/v1/openapi.json, docs at /api/v1/docs).

The schema and the docs page answer everyone, but a visitor gets only the public part (the rules
engine and the partner channel); the staff endpoints are listed for a verified staff session
(`tegak.api.schema`).

Ninja checks authentication itself: the default is a verified staff session, and a router that
is public says `auth=None` explicitly. The views are therefore exempt from Django's
LoginRequiredMiddleware (which would answer API clients with a redirect to the login page).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.responses import Response

from tegak.api.auth import staff_session
from tegak.api.cases import router as cases_router
from tegak.api.documents import router as documents_router
from tegak.api.intake import partner_router as intake_partner_router
from tegak.api.intake import staff_router as intake_staff_router
from tegak.api.rules import router as rules_router
from tegak.api.schema import public_part
from tegak.core.busy import is_database_busy, with_retry_after

api = NinjaAPI(title="Tegak API", version="1", urls_namespace="api", auth=staff_session)
api.add_router("/rules/", rules_router)
api.add_router("/intake/", intake_partner_router)
api.add_router("/intake/", intake_staff_router)
api.add_router("/cases/", cases_router)
api.add_router("/documents/", documents_router)


@api.exception_handler(DatabaseError)
def database_error(request: HttpRequest, error: DatabaseError) -> HttpResponse:
    """A busy database is 503 with Retry-After (nothing was written; send again); any other
    database error stays a server error."""
    if not is_database_busy(error):
        raise error
    response = api.create_response(
        request,
        {"error": {"field": "__all__", "message": gettext("The server is busy")}},
        status=503,
    )
    return with_retry_after(response)


def openapi_json(request: HttpRequest, **path_params: Any) -> HttpResponse:
    """The OpenAPI schema: the whole API for a verified staff session, else the public part."""
    schema: dict[str, Any] = api.get_openapi_schema(path_params=path_params)
    if staff_session.authenticate(request, None) is None:
        schema = public_part(schema)
    return Response(schema)


def _exempt(patterns: list[Any]) -> list[Any]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _exempt(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = login_not_required(pattern.callback)
    return patterns


def api_urls() -> tuple[list[Any], str, str]:
    """The API's URL patterns, exempt from the login redirect."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern) and pattern.name == "openapi-json":
            pattern.callback = openapi_json
    return _exempt(list(patterns)), app_name, namespace
