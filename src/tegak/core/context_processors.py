from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from tegak.core.menu import PUBLIC_MENU, STAFF_MENU

# A menu's addresses depend only on the URL configuration and the prefix the site is served
# under (no language in the paths): reversed once per process, not for every page.
_ADDRESSES: dict[tuple[Any, str, str], str | None] = {}


def _address(name: str) -> str | None:
    key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), name)
    if key not in _ADDRESSES:
        try:
            _ADDRESSES[key] = reverse(name)
        except NoReverseMatch:
            _ADDRESSES[key] = None
    return _ADDRESSES[key]


def _entry(request: HttpRequest, name: str, label: object) -> dict[str, Any] | None:
    url = _address(name)
    if url is None:
        return None
    return {"url": url, "label": label, "active": request.path == url}


def tegak(request: HttpRequest) -> dict[str, Any]:
    """Menus for the base template, limited to the roles of the user."""
    user = getattr(request, "user", None)
    staff: list[dict[str, Any]] = []
    if user is not None and user.is_authenticated:
        roles = set(user.roles.values_list("role", flat=True))
        for name, label, needed in STAFF_MENU:
            if needed and not (roles & needed) and not user.is_superuser:
                continue
            entry = _entry(request, name, label)
            if entry:
                staff.append(entry)
    public = [entry for name, label in PUBLIC_MENU if (entry := _entry(request, name, label))]
    return {
        "tegak_staff_menu": staff,
        "tegak_public_menu": public,
        # What the kept-rendered public header depends on besides the language (base.html).
        "tegak_public_active": next((entry["url"] for entry in public if entry["active"]), ""),
        "tegak_url_prefix": get_script_prefix(),
    }
