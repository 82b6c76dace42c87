"""A small, strict HTTP client for the connectors (standard library only): short timeouts, JSON
in and out, and one exception for every way a remote system can fail (down, slow, an error
status, an answer that is not the JSON expected). Nothing identifying is put in its messages."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

from django.conf import settings

MAX_ANSWER_BYTES = 2_000_000


class RemoteError(Exception):
    """The remote system did not do what was asked; `retry` is False when trying again cannot
    help (the request itself was refused as invalid)."""

    def __init__(self, message: str, *, status: int | None = None, retry: bool = True):
        super().__init__(message)
        self.status = status
        self.retry = retry


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
    try:
        with urllib.request.urlopen(req, timeout=timeout) as answer:  # noqa: S310 - http(s) only
            body = answer.read(MAX_ANSWER_BYTES + 1)
            status = answer.status
    except urllib.error.HTTPError as error:
        # 4xx other than 408/429 is a refusal of the request: trying again will not help.
        retry = error.code >= 500 or error.code in (408, 429)
        raise RemoteError(f"HTTP {error.code}", status=error.code, retry=retry) from None
    except TimeoutError:
        raise RemoteError("no answer in time") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise RemoteError(f"unreachable ({type(reason).__name__})") from None
    if len(body) > MAX_ANSWER_BYTES:
        raise RemoteError("the answer is too large")
    return status, body


def request_json(method: str, url: str, **kwargs: Any) -> Any:
    """Like `request`, the answer parsed as JSON (RemoteError when it is not JSON)."""
    _status, body = request(method, url, **kwargs)
    try:
        return json.loads(body.decode("utf-8")) if body.strip() else {}
    except (UnicodeDecodeError, ValueError):
        raise RemoteError("the answer is not JSON") from None
