"""Redirects that never leave the site: every `next` is checked before it is followed (#12)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_next(request: HttpRequest, url: str | None) -> bool:
    """Whether `url` is a path on this site (no other host, no scheme trick, no backslash)."""
    if not url or "\\" in url or any(ord(character) < 32 for character in url):
        return False
    return (
        url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and url.startswith("/")
        and not url.startswith("//")
    )


def safe_next(request: HttpRequest, default: str) -> str:
    """The request's `next` (query or form) when it stays on the site, else `default` resolved."""
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and is_safe_next(request, candidate):
        return candidate
    return resolve_url(default)


def with_next(url_name: str, request: HttpRequest) -> str:
    """The URL of `url_name`, carrying the request's safe `next` along (if any)."""
    url = resolve_url(url_name)
    candidate = request.GET.get("next")
    if is_safe_next(request, candidate):
        return f"{url}?{urlencode({'next': candidate})}"
    return url
