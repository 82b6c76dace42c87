"""The application as `tegak serve` runs it: Django's ASGI handler under gunicorn's asyncio
workers (ADR 0031).

The event loop of each worker reads every request, however slowly its client sends it; a view
runs only once the whole request has arrived, so slow or stalled clients hold a cheap coroutine,
never the thread that runs views. This handler adds what Django's leaves open:

- a body larger than REQUEST_BODY_MAX_BYTES is refused with 413 from its Content-Length, before
  a byte of it is read, or as soon as it grows past the limit when sent in chunks;
- a body must keep arriving: gunicorn drops a client silent for `timeout` seconds (30), and this
  handler drops one slower than REQUEST_BODY_MIN_BYTES_PER_SECOND after the first
  REQUEST_BODY_GRACE_SECONDS (a stalled or trickling client cannot hold a connection for ever);
- a body is spooled to FILE_UPLOAD_TEMP_DIR past FILE_UPLOAD_MAX_MEMORY_SIZE (an unnamed file:
  nothing is left behind if the process dies).
"""

from __future__ import annotations

import os
import tempfile
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tegak.config.settings")

import django
from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.base import BaseHandler

Receive = Any
Send = Any


class _TooLarge(Exception):
    """The body grew past REQUEST_BODY_MAX_BYTES."""


class BoundedASGIHandler(ASGIHandler):
    """Django's ASGI handler with a size limit and a minimum rate for request bodies, whose
    middleware and views run in one thread hop per request."""

    def __init__(self) -> None:
        # Every view and most middleware here are synchronous. Loaded in Django's async mode,
        # the chain went back and forth between the event loop and the request's thread at
        # each middleware that has only a synchronous form, and around each one that has both
        # (a dozen hand-overs per request, each contending for the interpreter lock with the
        # loop that reads other clients' bodies). Loaded in synchronous mode, as under WSGI,
        # the whole chain runs in the request's thread, entered once (`get_response_async`).
        BaseHandler.__init__(self)
        self.load_middleware(is_async=False)

    async def get_response_async(self, request: Any) -> Any:
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)

    async def handle(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        declared = _content_length(scope)
        if declared is not None and declared > settings.REQUEST_BODY_MAX_BYTES:
            await _refuse(send, 413, "Request body too large")
            return
        try:
            await super().handle(scope, receive, send)
        except _TooLarge:
            await _refuse(send, 413, "Request body too large")

    async def read_body(self, receive: Receive) -> Any:
        body_file = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - returned open, like Django's
            max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
            mode="w+b",
            dir=settings.FILE_UPLOAD_TEMP_DIR,
        )
        started = time.monotonic()
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                body_file.close()
                raise RequestAborted()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > settings.REQUEST_BODY_MAX_BYTES:
                body_file.close()
                raise _TooLarge()
            elapsed = time.monotonic() - started
            if (
                elapsed > settings.REQUEST_BODY_GRACE_SECONDS
                and size < elapsed * settings.REQUEST_BODY_MIN_BYTES_PER_SECOND
            ):
                body_file.close()
                raise RequestAborted()  # trickling: the connection is dropped
            if chunk:
                body_file.write(chunk)
            if not message.get("more_body", False):
                break
        body_file.seek(0)
        return body_file


def _content_length(scope: dict[str, Any]) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


django.setup(set_prefix=False)
application = BoundedASGIHandler()
