from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse


def optional_url(name: str) -> str | None:
    """The URL of `name`, or None while the part that serves it is not installed."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    """The public home page: how to report, what happens next, the reporter's rights."""
    context = {
        "report_url": optional_url("reporting:new"),
        "track_url": optional_url("reporting:track"),
        "register_url": optional_url("portal:register"),
        "statistics_url": optional_url("portal:statistics"),
    }
    return render(request, "portal/home.html", context)
