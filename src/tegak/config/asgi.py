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
  nothing is left behind if the process dies);
- the database connections a request used go back to the process's pool once its response is
  made, before a byte of it is sent: a client that reads slowly holds a coroutine, never a
  connection. Django gives them back only after the last byte (`request_finished`), so a few
  slow downloads of the open-data register could take every connection of a worker, and the
  other requests then waited and got 503;
- a streaming response with a synchronous iterator (the register export) is written out in the
  request's thread first, to a spooled file (memory up to STREAM_SPOOL_MEMORY_BYTES, then
  FILE_UPLOAD_TEMP_DIR), and a file response (evidence, static files) is read in blocks off the
  event loop. Django would otherwise make a list of the whole body in memory first (its way to
  serve a synchronous iterator under ASGI), and iterate it with the connection still held.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections.abc import AsyncIterator
from typing import IO, Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tegak.config.settings")

import django
from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.base import BaseHandler
from django.core.handlers.exception import response_for_exception
from django.db import connections
from django.http import HttpRequest, HttpResponseBase

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
        return await sync_to_async(self.respond, thread_sensitive=True)(request)

    def respond(self, request: HttpRequest) -> HttpResponseBase:
        """The response, made whole in the request's thread, with the request's database
        connections given back before it is sent (the module's docstring)."""
        response = self.get_response(request)
        if response.streaming and not getattr(response, "is_async", False):
            try:
                response = _from_file(response)
            except Exception as error:  # the body failed half-way: an error page, not a cut body
                response.close()
                response = response_for_exception(request, error)
        release_connections()
        return response

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


# A streaming body is read in blocks of this size off the event loop; one written out first is
# kept in memory up to STREAM_SPOOL_MEMORY_BYTES, then in FILE_UPLOAD_TEMP_DIR (an unnamed file).
STREAM_BLOCK_BYTES = 256 * 1024
STREAM_SPOOL_MEMORY_BYTES = 1024 * 1024


def release_connections() -> None:
    """Give back this thread's database connections now, as Django does at the end of a request
    (`close_old_connections`); one inside a transaction (a test's) is left to its owner."""
    for each in connections.all(initialized_only=True):
        if not each.in_atomic_block:
            each.close_if_unusable_or_obsolete()


class _FileBody:
    """A response body read from a file in blocks, each read in a thread (a disk read never
    holds up the event loop); closed with the response."""

    def __init__(self, source: IO[bytes]) -> None:
        self.source = source

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._blocks()

    async def _blocks(self) -> AsyncIterator[bytes]:
        while block := await asyncio.to_thread(self.source.read, STREAM_BLOCK_BYTES):
            yield block

    def close(self) -> None:
        self.source.close()


def _from_file(response: Any) -> Any:
    """Serve a streaming response with a synchronous iterator from a file: its own file (a file
    response), or the whole body written out here, in the request's thread, while it may still
    use the database."""
    source = getattr(response, "file_to_stream", None)
    if source is None:
        spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed with the response
            max_size=STREAM_SPOOL_MEMORY_BYTES, mode="w+b", dir=settings.FILE_UPLOAD_TEMP_DIR
        )
        try:
            for part in response.streaming_content:
                spool.write(part)
        except BaseException:
            spool.close()
            raise
        if not response.has_header("Content-Length"):
            response["Content-Length"] = str(spool.tell())
        spool.seek(0)
        source = spool
    response.streaming_content = _FileBody(source)
    return response


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
