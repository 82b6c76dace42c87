from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    """The public home page: how to report, what happens next, the reporter's rights."""
    return render(request, "portal/home.html", {})
