"""Staff must confirm a second factor (TOTP) before any staff page, when the setting asks."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import resolve, reverse

# Pages a logged-in user may reach before the second factor is confirmed.
_ALLOWED_URL_NAMES = {"accounts:otp", "accounts:otp_setup", "accounts:logout", "set_language"}


class SecondFactorRequiredMiddleware:
    """Send an authenticated but unverified user to the TOTP step."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            settings.REQUIRE_SECOND_FACTOR
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
        ):
            match = resolve(request.path_info)
            public = getattr(match.func, "login_required", True) is False
            if match.view_name not in _ALLOWED_URL_NAMES and not public:
                target = reverse("accounts:otp")
                if request.method == "GET":
                    # Back to the page asked for once the code is confirmed (checked there).
                    target += "?" + urlencode({"next": request.get_full_path()})
                return redirect(target)
        return self.get_response(request)
