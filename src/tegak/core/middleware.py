"""Middleware of the whole project that belongs to no single app."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

STAFF_CACHE_CONTROL = "no-store, private"


class SignedInResponsesNotStoredMiddleware:
    """Every answer to a signed-in account is `Cache-Control: no-store, private`.

    Staff pages, the staff API and the Django admin show reporters', accused's and employees'
    data; without the header a shared office computer showed them again from the browser's
    cache or back-forward cache after logging out (red-team pass). A view that already set
    `no-store` keeps its header (`private` is added). Static files never get here: WhiteNoise,
    above this middleware, answers them itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            mark_not_stored(response)
        return response


def mark_not_stored(response: HttpResponse) -> None:
    """Make `response` never stored by a browser or a shared cache, keeping a view's own
    `no-store` header (and whatever else it said) when it had one."""
    current = response.get("Cache-Control", "")
    directives = [part.strip() for part in current.split(",") if part.strip()]
    names = {directive.split("=", 1)[0].lower() for directive in directives}
    if "no-store" not in names:
        response["Cache-Control"] = STAFF_CACHE_CONTROL
    elif "private" not in names:
        kept = [item for item in directives if item.split("=", 1)[0].lower() != "public"]
        response["Cache-Control"] = ", ".join([*kept, "private"])
