from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tegak.dashboard.selectors import SOON_DAYS, dashboard_for


def home(request: HttpRequest) -> HttpResponse:
    """The staff dashboard: my cases, deadlines about to pass, new reports."""
    context = {"board": dashboard_for(request.user), "soon_days": SOON_DAYS}
    return render(request, "dashboard/home.html", context)
