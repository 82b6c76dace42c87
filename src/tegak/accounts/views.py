"""Login, second factor and logout."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tegak.accounts import services
from tegak.accounts.forms import TokenForm
from tegak.core.redirects import safe_next, with_next


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # django-axes locks a username tried from one address; this also stops one address
        # trying a few passwords on every account (password spraying), at a limit an office
        # behind one address does not reach with its typing mistakes.
        if services.address_login_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return render(request, "accounts/locked_out.html", {"address_locked": True}, status=429)
        return super().post(request, *args, **kwargs)


def otp_view(request: HttpRequest) -> HttpResponse:
    """Ask for the TOTP code; first-time users are sent to enrolment."""
    user = request.user
    if not services.has_second_factor(user):  # type: ignore[arg-type]
        return redirect(with_next("accounts:otp_setup", request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_verify(request=request, user=user, token=form.cleaned_data["token"]):  # type: ignore[arg-type]
            return redirect(safe_next(request, "dashboard:home"))
        form.add_error(
            "token", _("The code is not valid. Check your device's clock and try again.")
        )
    return render(request, "accounts/otp.html", {"form": form})


def otp_setup_view(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show the QR code and confirm with a first code.

    With an authenticator already enrolled, only a session verified with it may add another.
    """
    user = request.user
    if not services.may_enrol(request=request, user=user):  # type: ignore[arg-type]
        return redirect(with_next("accounts:otp", request))
    device = services.totp_device_pending(request=request, user=user)  # type: ignore[arg-type]
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_confirm(request=request, user=user, token=form.cleaned_data["token"]):  # type: ignore[arg-type]
            return redirect(safe_next(request, "dashboard:home"))
        form.add_error(
            "token", _("The code is not valid. Check your device's clock and try again.")
        )
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=4)
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request, "accounts/otp_setup.html", {"form": form, "qr_svg": svg, "secret": secret}
    )


logout_view = auth_views.LogoutView.as_view()
login_view = login_not_required(LoginView.as_view())
