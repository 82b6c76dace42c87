"""A small, strict HTTP client for the connectors (standard library only): short timeouts, JSON
in and out, and one exception for every way a remote system can fail (down, slow, an error
status, an answer that is not the JSON expected). Nothing identifying is put in its messages.

Every address is typed by an administrator of an instansi, so the client guards the network the
installation runs in (ADR 0170): the host is resolved and the connection is made to the very
address that was checked — never to a private, loopback, link-local, shared (CGNAT), multicast
or reserved one unless the installation lists the host or its network in
`CONNECTORS_INTERNAL_HOSTS`; redirects are never followed; environment proxies are not used; the
answer is read for at most the timeout and `MAX_ANSWER_BYTES`."""

from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings

MAX_ANSWER_BYTES = 2_000_000
READ_CHUNK = 65_536

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class RemoteError(Exception):
    """The remote system did not do what was asked; `retry` is False when trying again cannot
    help (the request itself was refused as invalid)."""

    def __init__(self, message: str, *, status: int | None = None, retry: bool = True):
        super().__init__(message)
        self.status = status
        self.retry = retry


class AddressRefused(OSError):
    """The host resolves to an address inside a private network and is not allowed."""


def _internal_allowances() -> tuple[set[str], list[Any]]:
    names: set[str] = set()
    networks: list[Any] = []
    for entry in getattr(settings, "CONNECTORS_INTERNAL_HOSTS", []) or []:
        entry = str(entry).strip().lower()
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            names.add(entry.rstrip("."))
    return names, networks


# IPv6 ranges that carry an IPv4 address inside (a NAT64 gateway, 6to4 or an old-style
# IPv4-compatible address forwards to it): judged by that IPv4 address (red-team pass of
# 2026-12-07: `http://[64:ff9b::7f00:1]/` passed as public).
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if any(address in network for network in _NAT64) or address in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address: IPAddress) -> bool:
    """A globally routable unicast address (not private, loopback, link-local, CGNAT,
    multicast, reserved or unspecified); an IPv6 address carrying an IPv4 one (IPv4-mapped,
    NAT64, 6to4, IPv4-compatible) is judged as that IPv4 address, and must be public too."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_ipv4(address)
        if inner is not None and not (inner.is_global and not inner.is_multicast):
            return False
        if address.ipv4_mapped is not None:
            address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def checked_addresses(host: str, port: int) -> list[str]:
    """The addresses of `host` to connect to, each checked; AddressRefused when any of them is
    internal and the host (or that address's network) is not allowed by the installation."""
    host = host.strip("[]").lower().rstrip(".")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise OSError(f"the host name cannot be resolved ({error.errno})") from None
    names, networks = _internal_allowances()
    addresses: list[str] = []
    for info in infos:
        text = str(info[4][0])
        address = ipaddress.ip_address(text.split("%")[0])
        allowed = host in names or any(address in network for network in networks)
        if not is_public(address) and not allowed:
            raise AddressRefused(
                f"the address {address} is inside a private or local network and this "
                "host is not allowed (TEGAK_CONNECTORS_INTERNAL_HOSTS)"
            )
        if text not in addresses:
            addresses.append(text)
    return addresses


def guarded_socket(host: str, port: int, timeout: Any) -> socket.socket:
    """A connection to the first reachable checked address of `host` (the same address that
    was checked: a second DNS answer cannot swap it)."""
    last: OSError | None = None
    for address in checked_addresses(host, port):
        try:
            return socket.create_connection((address, port), timeout=timeout)
        except OSError as error:
            last = error
    raise last or OSError("no address to connect to")


def address_refusal(url: str) -> str:
    """Why the installation would refuse to connect to `url` ("" when it would try): used by
    the settings pages so the administrator hears of it on the field. A host that does not
    resolve now is not refused here (it is checked again on every send)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "scheme"
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        checked_addresses(parts.hostname, port)
    except AddressRefused:
        return "internal"
    except (OSError, ValueError):
        return ""
    return ""


class _GuardedHTTPConnection(http.client.HTTPConnection):
    def connect(self) -> None:
        self.sock = guarded_socket(self.host, self.port, self.timeout)


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    def connect(self) -> None:
        sock = guarded_socket(self.host, self.port, self.timeout)
        # The certificate is still checked against the host name, not the address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


class _GuardedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: Any) -> Any:
        return self.do_open(_GuardedHTTPConnection, req)


class _GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: Any) -> Any:
        return self.do_open(_GuardedHTTPSConnection, req, context=self._context)  # type: ignore[attr-defined]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        _NoRedirect(),
        _GuardedHTTPHandler(),
        _GuardedHTTPSHandler(),
    )


def _read_limited(answer: Any, deadline: float) -> bytes:
    # read1: at most one read from the socket, so a trickle cannot hold a read past the deadline.
    read = getattr(answer, "read1", answer.read)
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise RemoteError("no answer in time")
        chunk = read(READ_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise RemoteError("the answer is too large", retry=False)
        chunks.append(chunk)


def request(
    method: str,
    url: str,
    *,
    json_body: Any = None,
    form: dict[str, str] | None = None,
    data: bytes | None = None,
    content_type: str = "",
    headers: dict[str, str] | None = None,
    timeout: float | None = None,
) -> tuple[int, bytes]:
    """Send one request; the status and the raw answer of a 2xx, else RemoteError. The
    timeout defaults to CONNECTORS_HTTP_TIMEOUT_SECONDS."""
    if timeout is None:
        timeout = float(settings.CONNECTORS_HTTP_TIMEOUT_SECONDS)
    if not url.startswith(("http://", "https://")):
        raise RemoteError("the address is not an http(s) URL", retry=False)
    all_headers = {"Accept": "application/json", "User-Agent": "Tegak"}
    all_headers.update(headers or {})
    if json_body is not None:
        data = json.dumps(json_body, ensure_ascii=False).encode()
        all_headers["Content-Type"] = "application/json"
    elif form is not None:
        data = urlencode(form).encode()
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif content_type:
        all_headers["Content-Type"] = content_type
    req = urllib.request.Request(url, data=data, method=method, headers=all_headers)  # noqa: S310
    deadline = time.monotonic() + timeout
    try:
        with _opener().open(req, timeout=timeout) as answer:
            body = _read_limited(answer, deadline)
            status = answer.status
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            raise RemoteError(
                f"HTTP {error.code}: a redirect, which is not followed; give the final address",
                status=error.code,
                retry=False,
            ) from None
        # 4xx other than 408/429 is a refusal of the request: trying again will not help.
        retry = error.code >= 500 or error.code in (408, 429)
        raise RemoteError(f"HTTP {error.code}", status=error.code, retry=retry) from None
    except TimeoutError:
        raise RemoteError("no answer in time") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, AddressRefused):
            raise RemoteError(f"refused: {reason}", retry=False) from None
        if isinstance(reason, TimeoutError):
            raise RemoteError("no answer in time") from None
        raise RemoteError(f"unreachable ({type(reason).__name__})") from None
    return status, body


def request_json(method: str, url: str, **kwargs: Any) -> Any:
    """Like `request`, the answer parsed as JSON (RemoteError when it is not JSON)."""
    _status, body = request(method, url, **kwargs)
    try:
        return json.loads(body.decode("utf-8")) if body.strip() else {}
    except (UnicodeDecodeError, ValueError):
        raise RemoteError("the answer is not JSON") from None
