"""The client's address behind the reverse proxies the installation trusts (#12 item 8).

`REMOTE_ADDR` is the peer that opened the connection. Behind a reverse proxy that is the proxy
itself, so every reporter would share one throttle. When the peer is one of
`TEGAK_TRUSTED_PROXIES` (addresses or CIDR networks), `X-Forwarded-For` is read from the right:
each proxy appends the address it received the request from, so the first address that is not a
trusted proxy is the client. A peer that is not trusted cannot choose its address by sending the
header: it is ignored.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """Addresses and CIDR networks; a bad entry raises ValueError naming it."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError as error:
            raise ValueError(
                f"TEGAK_TRUSTED_PROXIES: {value!r} is not an address or network"
            ) from error
    return tuple(networks)


@lru_cache(maxsize=8)
def _trusted(values: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(values)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address: the peer, or behind trusted proxies the first untrusted hop."""
    peer = str(request.META.get("REMOTE_ADDR") or "")
    networks = _trusted(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(peer, networks):
        return peer or "unknown"
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            # A garbled hop: nothing to its left can be trusted, so stop at the last good one.
            return peer
        if not _is_trusted(hop, networks):
            return hop
        peer = hop
    return peer


def login_client_address(request: HttpRequest | None) -> str | None:
    """The address django-axes records for a login attempt: the client's, or None when there is
    no valid one (a request built in code, such as Django's force_login, has no peer)."""
    if request is None:
        return None
    address = client_address(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address
