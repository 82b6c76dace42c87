"""API authentication. Every router states its auth; the default is a verified staff session."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import SessionAuth


class StaffSessionAuth(SessionAuth):
    """A logged-in staff session that passed the second factor (when required)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is None:
            return None
        if settings.REQUIRE_SECOND_FACTOR and not user.is_verified():
            return None
        return user


staff_session = StaffSessionAuth()
